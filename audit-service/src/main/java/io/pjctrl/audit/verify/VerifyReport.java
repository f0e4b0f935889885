package io.pjctrl.audit.verify;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The verification result: valid only when every chain, checkpoint and version sequence holds. */
@Schema(name = "VerifyReport")
public record VerifyReport(
        @Schema(examples = "invalid", enumeration = {
                "valid", "invalid"}) String status,
        @Schema(description = "Entries checked, all chains") long checked,
        List<ChainReport> chains,
        @Schema(description = "At most max-failures failures, in chain then seq order") List<VerifyFailure> failures,
        @Schema(description = "True when more failures were found than listed") boolean failuresTruncated,
        Instant verifiedAt){

    public static final String VALID = "valid";
    public static final String INVALID = "invalid";
}
