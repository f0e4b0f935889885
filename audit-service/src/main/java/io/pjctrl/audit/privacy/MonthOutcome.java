package io.pjctrl.audit.privacy;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a retention run did with one month: {@code archived}; {@code not_due} (its retention has not passed);
 * {@code held} (an active hold matches an entry; detail names the holds); {@code waiting} (due, but dropping it now
 * would break a chain's suffix rule or a proof: reason {@code chain_head}, {@code not_a_prefix}, {@code not_contiguous},
 * {@code not_checkpointed}); {@code empty}; {@code failed}.
 */
@Schema(name = "RetentionMonth")
public record MonthOutcome(
        @Schema(examples = "2025-11") String month,
        @Schema(examples = "archived") String status,
        @Schema(nullable = true, examples = "not_a_prefix") String reason,
        @Schema(nullable = true) String detail,
        @Schema(description = "Entries in the month") long entries,
        @Schema(nullable = true, description = "When the month's retention passes (month end + the retention of its most sensitive level)") String dueAt) {
}
