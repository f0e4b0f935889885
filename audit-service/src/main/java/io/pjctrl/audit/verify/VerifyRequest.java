package io.pjctrl.audit.verify;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What to verify: every chain when {@code chain_id} is absent; a seq range when from_seq / to_seq are given; against
 * the checkpoints an auditor kept ({@code held_checkpoints}); with the source topic ({@code reconcile}).
 */
@Schema(name = "VerifyRequest")
public record VerifyRequest(
        @Schema(description = "One chain; all chains when absent", examples = "events-2", nullable = true) String chainId,
        @Schema(description = "First seq to check (inclusive); 1 when absent", examples = "1", nullable = true) Long fromSeq,
        @Schema(description = "Last seq to check (inclusive); the head when absent", examples = "5000", nullable = true) Long toSeq,
        @Schema(description = "Signed checkpoint notes kept outside the log (e.g. from GET /tlog/<chain_id>/checkpoint):"
                + " each must be signed by a key of this log; a stored tree smaller than, or inconsistent with, one is"
                + " invalid (kind inconsistent_checkpoint)", nullable = true, maxItems = VerifyScope.MAX_HELD) List<String> heldCheckpoints,
        @Schema(description = "Also compare the entries with the Kafka records they came from, over the range the"
                + " topic still retains (kinds not_in_source, missing_from_log)", nullable = true) Boolean reconcile) {

    public VerifyRequest(String chainId, Long fromSeq, Long toSeq) {
        this(chainId, fromSeq, toSeq, null, null);
    }
}
