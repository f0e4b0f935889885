package io.pjctrl.project.project;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record ProjectResponse(UUID id, String name, @Schema(nullable = true) String description, ProjectStatus status,
        long version,
        UUID createdBy, Instant createdAt, Instant updatedAt, @Schema(nullable = true) Instant deletedAt) {

    static ProjectResponse of(Project project) {
        return new ProjectResponse(project.id, project.name, project.description, project.status,
                project.aggregateVersion(), project.createdBy, project.createdAt, project.updatedAt, project.deletedAt);
    }
}
