package io.pjctrl.audit.checkpoint;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.vertx.mutiny.sqlclient.Row;

/** A public checkpoint-signing key and the window in which it signs. */
@Schema(name = "SigningKey")
public record SigningKeyView(
        @Schema(examples = "pjctrl-audit-2026+1a2b3c4d") String keyId,
        @Schema(examples = "Ed25519") String algorithm,
        @Schema(description = "C2SP verifier key: name+hash+base64(0x01 || 32-byte Ed25519 key)") String publicKey,
        Instant validFrom,
        @Schema(description = "Null while the key is current") Instant validUntil) {

    static SigningKeyView from(Row row) {
        return new SigningKeyView(row.getString("key_id"), row.getString("algorithm"), row.getString("public_key"),
                row.getOffsetDateTime("valid_from").toInstant(),
                row.getOffsetDateTime("valid_until") == null ? null : row.getOffsetDateTime("valid_until").toInstant());
    }
}
