package io.pjctrl.audit.verify;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One thing that does not hold, with its evidence. Kinds: checksum_mismatch (expected = stored checksum, computed =
 * hash of the stored fields), broken_link (expected = previous entry's checksum, computed = stored prev_checksum),
 * gap (expected = the seq that should follow, computed = the seq found), checkpoint_mismatch (expected = the signed
 * hash, computed = the checksum or tree root recomputed at that seq, null when the chain no longer reaches it),
 * bad_signature (a checkpoint whose note does not verify with a published key), version_gap (a resource's
 * aggregate_version skipped, so an event never arrived), inconsistent_checkpoint (seq = the size of a checkpoint
 * held outside the database, source = where it is held, expected = its hash, computed = what the log gives at that
 * size, null when it does not reach it, tree_size = the stored tree's size), tree_mismatch (the stored tree or a
 * tile differs from the tree the entries give: expected = stored, computed = recomputed), not_in_source (an entry
 * whose Kafka record, source_partition/source_offset, is not there or carries another event: expected = the
 * record's event id, computed = the entry's), missing_from_log (a record of the partition neither stored nor
 * dead-lettered: event_id and source_offset name it).
 */
@Schema(name = "VerifyFailure")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerifyFailure(
        @Schema(examples = "events-2") String chainId,
        @Schema(examples = "1842") Long seq,
        @Schema(description = "The audit log entry where the failure shows") UUID entryId,
        @Schema(examples = "checksum_mismatch") String kind,
        String expected,
        String computed,
        @Schema(examples = "chain events-2 seq 1842: stored checksum 3b7d... but fields hash to 9a01...") String detail,
        @Schema(description = "version_gap only") String resourceType,
        @Schema(description = "version_gap only") String resourceId,
        @Schema(description = "version_gap, not_in_source and missing_from_log") UUID eventId,
        @Schema(description = "inconsistent_checkpoint only: where the checkpoint is held (topic, witness <url>,"
                + " held_checkpoints[i])", examples = "topic") String source,
        @Schema(description = "inconsistent_checkpoint and tree_mismatch: the stored tree's size") Long treeSize,
        @Schema(description = "not_in_source and missing_from_log: the Kafka partition") Integer sourcePartition,
        @Schema(description = "not_in_source and missing_from_log: the Kafka offset") Long sourceOffset) {

    VerifyFailure(String chainId, Long seq, UUID entryId, String kind, String expected, String computed, String detail,
            String resourceType, String resourceId, UUID eventId) {
        this(chainId, seq, entryId, kind, expected, computed, detail, resourceType, resourceId, eventId, null, null, null,
                null);
    }

    static VerifyFailure of(String chainId, Long seq, UUID entryId, String kind, String expected, String computed,
            String detail) {
        return new VerifyFailure(chainId, seq, entryId, kind, expected, computed, detail, null, null, null);
    }
}
