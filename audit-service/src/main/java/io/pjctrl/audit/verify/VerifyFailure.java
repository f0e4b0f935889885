package io.pjctrl.audit.verify;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One thing that does not hold, with its evidence. Kinds: checksum_mismatch (expected = stored checksum, computed =
 * hash of the stored fields), broken_link (expected = previous entry's checksum, computed = stored prev_checksum),
 * gap (expected = the seq that should follow, computed = the seq found), checkpoint_mismatch (expected = the signed
 * head hash, computed = the recomputed checksum at that seq, null when the chain no longer reaches it),
 * bad_signature (a checkpoint whose note does not verify with a published key), version_gap (a resource's
 * aggregate_version skipped, so an event never arrived).
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
        @Schema(description = "version_gap only") UUID eventId) {

    static VerifyFailure of(String chainId, Long seq, UUID entryId, String kind, String expected, String computed,
            String detail) {
        return new VerifyFailure(chainId, seq, entryId, kind, expected, computed, detail, null, null, null);
    }
}
