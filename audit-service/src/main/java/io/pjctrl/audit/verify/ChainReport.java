package io.pjctrl.audit.verify;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.pjctrl.audit.privacy.ArchivedThrough;

/** The outcome for one chain (fields of issue 15 are left out when they do not apply; the older ones never). */
@Schema(name = "ChainReport")
public record ChainReport(
        @Schema(examples = "events-2") String chainId,
        @Schema(examples = "valid") String status,
        @Schema(description = "Entries checked") long checked,
        @Schema(description = "seq of the first entry checked", nullable = true) Long firstSeq,
        @Schema(description = "seq of the last entry checked", nullable = true) Long headSeq,
        @Schema(description = "Stored checksum of the last entry checked", nullable = true) String headChecksum,
        @Schema(description = "seq of the signed checkpoint compared, if any", nullable = true) Long checkpointSeq,
        @Schema(description = "Key that signed that checkpoint", nullable = true) String checkpointKeyId,
        @Schema(description = "Failures found in this chain") int failures,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "Size of the chain's stored Merkle tree (may lag head_seq while the tree catches up)", nullable = true) Long treeSize,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "Base64 root of the stored tree", nullable = true) String treeRoot,
        @Schema(description = "The chain against each copy of its checkpoints held outside the database") List<OutsideCheck> outside,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "Reconciliation with the Kafka partition (reconcile: true only)", nullable = true) ReconcileReport reconciliation,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "The chain's range archived by retention (seqs 1..last_seq, no longer in the log): the walk starts after it, linking the first retained entry to last_checksum; absent when nothing was archived", nullable = true) ArchivedThrough archived) {

    /** The report of the walk alone, before the tree, outside and reconciliation checks are added. */
    ChainReport(String chainId, String status, long checked, Long firstSeq, Long headSeq, String headChecksum,
            Long checkpointSeq, String checkpointKeyId, int failures) {
        this(chainId, status, checked, firstSeq, headSeq, headChecksum, checkpointSeq, checkpointKeyId, failures, null,
                null, List.of(), null, null);
    }
}
