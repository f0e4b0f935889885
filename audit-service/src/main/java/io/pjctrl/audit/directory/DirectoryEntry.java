package io.pjctrl.audit.directory;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A resource's name as the directory knows it; an erased user keeps only its id. */
@Schema(name = "DirectoryEntry", description = "The name of a resource, as of the latest event that carried it")
public record DirectoryEntry(
        @Schema(description = "user, project, task or blocker", examples = "user") String resourceType,
        @Schema(examples = "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f") String resourceId,
        @Schema(description = "A user's display name, a project's name, a task's title or a blocker's description; null when not known or erased", nullable = true, examples = "Dana Reyes") String name,
        @Schema(description = "A user's e-mail address (users only); null when not known or erased", nullable = true, examples = "dana@pjctrl.example") String email,
        @Schema(description = "The user was erased: name and e-mail are gone for good") boolean erased) {
}
