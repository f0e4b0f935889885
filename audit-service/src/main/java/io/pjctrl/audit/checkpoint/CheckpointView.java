package io.pjctrl.audit.checkpoint;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.vertx.mutiny.sqlclient.Row;

/**
 * A stored signed checkpoint: chain {@code chain_id} had {@code seq} entries with head {@code head_checksum}; in
 * format 2 the note's hash line is {@code root_hash}, the RFC 6962 root of the chain's tree at that size, and the
 * witnesses' cosignatures are listed.
 */
@Schema(name = "Checkpoint")
public record CheckpointView(
        UUID id,
        @Schema(examples = "events-2") String chainId,
        @Schema(examples = "1842") long seq,
        @Schema(examples = "3b7d1e0f2a4c6e8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708") String headChecksum,
        @Schema(examples = "pjctrl-audit/events-2") String origin,
        @Schema(examples = "pjctrl-audit-2026+1a2b3c4d") String keyId,
        @Schema(description = "The C2SP-style signed note, verifiable offline with the key from GET /api/keys (docs/integrity.md)") String signedNote,
        Instant createdAt,
        @Schema(examples = "2", description = "1: the note's hash line is the head checksum (before the Merkle log); 2: it is the tree's RFC 6962 root (a C2SP tlog-checkpoint)") int format,
        @Schema(nullable = true, examples = "3b0c1c7e2f4a6e8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708", description = "Format 2: hex of the RFC 6962 root at size seq; null in format 1") String rootHash,
        @Schema(description = "Witness cosignatures (C2SP tlog-cosignature/v1) verified with the configured witness keys; empty in format 1") List<CosignatureView> cosignatures) {

    static final String COLUMNS = "id, chain_id, seq, head_checksum, origin, key_id, signed_note, created_at, format, root_hash";

    static CheckpointView from(Row row) {
        String root = row.getString("root_hash");
        return new CheckpointView(row.getUUID("id"), row.getString("chain_id"), row.getLong("seq"),
                row.getString("head_checksum"), row.getString("origin"), row.getString("key_id"),
                row.getString("signed_note"), row.getOffsetDateTime("created_at").toInstant(),
                row.getInteger("format"), root == null ? null : root.trim(), List.of());
    }

    CheckpointView withCosignatures(List<CosignatureView> lines) {
        return new CheckpointView(id, chainId, seq, headChecksum, origin, keyId, signedNote, createdAt, format, rootHash,
                List.copyOf(lines));
    }

    /** The signed note with every cosignature line appended: what a C2SP client verifies against its witnesses. */
    public String cosignedNote() {
        StringBuilder note = new StringBuilder(signedNote);
        cosignatures.forEach(c -> note.append(c.signatureLine()).append('\n'));
        return note.toString();
    }
}
