package io.pjctrl.system;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Hand-made JWTs for hostile-input tests: tokens that are expired, signed by a foreign key, unsigned
 * ({@code alg: none}) or tampered with after signing. Built by hand on purpose, so no library "helpfully"
 * refuses to make a bad token.
 */
final class Tokens {

    static final String ISSUER = "pjctrl-project-service";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private Tokens() {
    }

    static String signed(String keyResource, String role, Instant expiresAt) {
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        return sign(keyResource, header, payload(role, expiresAt));
    }

    static String unsigned(String role) {
        String header = "{\"alg\":\"none\",\"typ\":\"JWT\"}";
        return B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(payload(role, Instant.now().plusSeconds(600)).getBytes(StandardCharsets.UTF_8)) + ".";
    }

    /** A valid member token whose payload is then changed to claim the admin role; the signature no longer matches. */
    static String tampered() {
        String token = signed("jwt-private.pem", "member", Instant.now().plusSeconds(600));
        String[] parts = token.split("\\.");
        String forged = payload("admin", Instant.now().plusSeconds(600));
        return parts[0] + "." + B64.encodeToString(forged.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    private static String payload(String role, Instant expiresAt) {
        long now = Instant.now().getEpochSecond();
        String groups = role == null ? "[]" : "[\"" + role + "\"]";
        return "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + UUID.randomUUID() + "\",\"upn\":\"hostile@test.local\",\"groups\":"
                + groups + ",\"jti\":\"" + UUID.randomUUID() + "\",\"iat\":" + (now - 60) + ",\"exp\":"
                + expiresAt.getEpochSecond() + "}";
    }

    private static String sign(String keyResource, String header, String payload) {
        String signingInput = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(privateKey(keyResource));
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(signature.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey privateKey(String resource) throws IOException, java.security.GeneralSecurityException {
        try (InputStream in = Tokens.class.getResourceAsStream("/pjctrl-test-keys/" + resource)) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII).replaceAll("-----[A-Z ]+-----", "")
                    .replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        }
    }
}
