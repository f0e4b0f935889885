package io.pjctrl.audit.privacy;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Whose personal values to erase, and why (the reason goes into the erasure's audit event: no personal data in it). */
@Schema(name = "ErasureRequest")
public record ErasureRequest(
        @NotNull @Pattern(regexp = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", message = "must be a UUID") @Schema(description = "The data subject: a project-service user id", examples = "0b7a3c2e-61b4-4f7e-9d2a-1c5e8f3a9b40") String userId,
        @NotBlank @Size(max = 2000) @Schema(examples = "GDPR Art. 17 request, ticket DPO-17") String reason) {
}
