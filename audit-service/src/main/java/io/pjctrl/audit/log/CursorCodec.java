package io.pjctrl.audit.log;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import io.pjctrl.audit.AuditServiceConfig;
import io.pjctrl.audit.web.InvalidParameterException;

/**
 * Opaque paging cursors: {@code v1.<base64url(payload)>.<base64url(hmac)>} where the payload is the keyset position
 * (epoch microseconds + id) and a hash of the listing's scope (endpoint + filters). The HMAC makes a hand-made cursor
 * a 400 instead of an arbitrary probe into the table; the scope hash makes a cursor replayed on other filters a 400
 * instead of a silently wrong page.
 */
@ApplicationScoped
public class CursorCodec {

    private static final String VERSION = "v1";
    private static final int PAYLOAD_BYTES = 8 + 16 + 8;
    private static final int MAC_BYTES = 16;

    private final SecretKeySpec key;

    public CursorCodec(AuditServiceConfig config) {
        byte[] secret = config.api()
                .cursorSecret()
                .map(s -> s.getBytes(StandardCharsets.UTF_8))
                .orElseGet(CursorCodec::randomSecret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    public String encode(KeysetCursor cursor, String scope) {
        ByteBuffer payload = ByteBuffer.allocate(PAYLOAD_BYTES)
                .putLong(ChronoUnit.MICROS.between(Instant.EPOCH, cursor.at()))
                .putLong(cursor.id().getMostSignificantBits())
                .putLong(cursor.id().getLeastSignificantBits())
                .put(scopeHash(scope));
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return VERSION + "." + b64.encodeToString(payload.array()) + "." + b64.encodeToString(mac(payload.array()));
    }

    /** Decodes a cursor issued by {@link #encode} for the same scope; anything else is a 400 on {@code parameter}. */
    public KeysetCursor decode(String text, String scope, String parameter) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new InvalidParameterException(parameter, parameter + " is not a cursor issued by this API");
        }
        byte[] payload;
        byte[] mac;
        try {
            payload = Base64.getUrlDecoder().decode(parts[1]);
            mac = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(parameter, parameter + " is not a cursor issued by this API");
        }
        if (payload.length != PAYLOAD_BYTES || !MessageDigest.isEqual(mac, mac(payload))) {
            throw new InvalidParameterException(parameter,
                    parameter + " was not issued by this service (forged, or issued before a restart or key change)");
        }
        ByteBuffer in = ByteBuffer.wrap(payload);
        Instant at = Instant.EPOCH.plus(in.getLong(), ChronoUnit.MICROS);
        UUID id = new UUID(in.getLong(), in.getLong());
        byte[] hash = new byte[8];
        in.get(hash);
        if (!MessageDigest.isEqual(hash, scopeHash(scope))) {
            throw new InvalidParameterException(parameter, parameter + " belongs to other filters; start again without it");
        }
        return new KeysetCursor(at, id);
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(key);
            return Arrays.copyOf(hmac.doFinal(payload), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is built into every JDK", e);
        }
    }

    private static byte[] scopeHash(String scope) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(scope.getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(digest, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is built into every JDK", e);
        }
    }

    private static byte[] randomSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return secret;
    }
}
