package io.pjctrl.audit.tlog;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 6962 consistency proof between two sizes of a chain's tree (base64 hashes, lowest level first), with the
 * roots the stored tiles give at both sizes. Verify it against roots you hold (signed checkpoints), not these.
 */
public record ConsistencyProofView(
        @Schema(example = "events-0") String chainId,
        @Schema(example = "pjctrl-audit/events-0") String origin,
        @Schema(example = "120") long oldSize,
        @Schema(example = "300") long newSize,
        @Schema(description = "Stored root at old_size (base64)") String oldRoot,
        @Schema(description = "Stored root at new_size (base64)") String newRoot,
        @Schema(description = "RFC 6962 PROOF(old_size, D[new_size]), base64, lowest level first; empty when old_size is 0 or equal to new_size") List<String> proof) {
}
