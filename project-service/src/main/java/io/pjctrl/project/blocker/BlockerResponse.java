package io.pjctrl.project.blocker;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record BlockerResponse(UUID id, UUID taskId, String description, BlockerStatus status,
        @Schema(nullable = true) String resolution,
        long version, UUID reportedBy, @Schema(nullable = true) UUID resolvedBy, Instant createdAt,
        @Schema(nullable = true) Instant resolvedAt) {

    static BlockerResponse of(Blocker blocker) {
        return new BlockerResponse(blocker.id, blocker.taskId, blocker.description, blocker.status, blocker.resolution,
                blocker.aggregateVersion(), blocker.reportedBy, blocker.resolvedBy, blocker.createdAt,
                blocker.resolvedAt);
    }
}
