package io.pjctrl.audit.checkpoint;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.vertx.mutiny.sqlclient.Row;

/**
 * A witness's C2SP tlog-cosignature/v1 of a checkpoint, verified with that witness's configured vkey before it was
 * stored; append {@code signature_line} and a newline to the checkpoint's signed note to get the cosigned note.
 */
@Schema(name = "Cosignature")
public record CosignatureView(
        @Schema(examples = "witness.pjctrl.local/w1") String witnessName,
        @Schema(examples = "e2c098eb", description = "The witness's key ID (8 hex digits of its vkey)") String witnessKeyId,
        @Schema(examples = "\u2014 witness.pjctrl.local/w1 4sCY6wAAAABrE9LPcGqda2toqX+WRl5D3ErcLntN1dv5Ci5tWp75dzrBXOe1naZMzVT8I1BuVyH600h2lfpYEgUN9x+7b0kaoYe8Ag==") String signatureLine,
        @Schema(description = "The timestamp inside the cosignature: when the witness vouched for the checkpoint") Instant cosignedAt) {

    static final String COLUMNS = "checkpoint_id, witness_name, witness_key_id, signature_line, cosigned_at";

    static CosignatureView from(Row row) {
        return new CosignatureView(row.getString("witness_name"), row.getString("witness_key_id"),
                row.getString("signature_line"), row.getOffsetDateTime("cosigned_at").toInstant());
    }
}
