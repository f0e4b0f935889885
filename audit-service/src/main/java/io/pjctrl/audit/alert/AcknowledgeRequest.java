package io.pjctrl.audit.alert;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Why the alert needs no further action. */
@Schema(name = "AcknowledgeRequest")
public record AcknowledgeRequest(
        @NotBlank @Size(max = 2000) @Schema(examples = "Planned clean-up of the archived project, ticket OPS-142") String note) {
}
