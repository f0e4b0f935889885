package io.pjctrl.audit.web.ui;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Credentials from the sign-in form, forwarded unchanged to project-service. */
@Schema(name = "SessionLogin")
public record LoginRequest(
        @NotBlank @Size(max = 320) @Schema(examples = "auditor@pjctrl.local") String email,
        @NotBlank @Size(max = 1024) String password) {

    @Override
    public String toString() {
        // Never let a password reach a log line through a record's generated toString().
        return "LoginRequest[email=" + email + "]";
    }
}
