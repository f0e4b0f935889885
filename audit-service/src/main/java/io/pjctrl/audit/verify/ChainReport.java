package io.pjctrl.audit.verify;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The outcome for one chain. */
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
        @Schema(description = "Failures found in this chain") int failures) {
}
