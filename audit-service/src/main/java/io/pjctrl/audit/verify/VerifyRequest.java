package io.pjctrl.audit.verify;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What to verify: every chain when {@code chain_id} is absent; a seq range when from_seq / to_seq are given. */
@Schema(name = "VerifyRequest")
public record VerifyRequest(
        @Schema(description = "One chain; all chains when absent", examples = "events-2", nullable = true) String chainId,
        @Schema(description = "First seq to check (inclusive); 1 when absent", examples = "1", nullable = true) Long fromSeq,
        @Schema(description = "Last seq to check (inclusive); the head when absent", examples = "5000", nullable = true) Long toSeq) {
}
