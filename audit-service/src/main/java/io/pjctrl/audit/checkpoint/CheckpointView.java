package io.pjctrl.audit.checkpoint;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.vertx.mutiny.sqlclient.Row;

/** A stored signed checkpoint: chain {@code chain_id} had {@code seq} entries with head {@code head_checksum}. */
@Schema(name = "Checkpoint")
public record CheckpointView(
        UUID id,
        @Schema(examples = "events-2") String chainId,
        @Schema(examples = "1842") long seq,
        @Schema(examples = "3b7d1e0f2a4c6e8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708") String headChecksum,
        @Schema(examples = "pjctrl-audit/events-2") String origin,
        @Schema(examples = "pjctrl-audit-2026+1a2b3c4d") String keyId,
        @Schema(description = "The C2SP-style signed note, verifiable offline with the key from GET /api/keys (docs/integrity.md)") String signedNote,
        Instant createdAt) {

    static final String COLUMNS = "id, chain_id, seq, head_checksum, origin, key_id, signed_note, created_at";

    static CheckpointView from(Row row) {
        return new CheckpointView(row.getUUID("id"), row.getString("chain_id"), row.getLong("seq"),
                row.getString("head_checksum"), row.getString("origin"), row.getString("key_id"),
                row.getString("signed_note"), row.getOffsetDateTime("created_at").toInstant());
    }
}
