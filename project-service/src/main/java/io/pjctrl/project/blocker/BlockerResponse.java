package io.pjctrl.project.blocker;

import java.time.Instant;
import java.util.UUID;

public record BlockerResponse(UUID id, UUID taskId, String description, BlockerStatus status, String resolution,
        long version, UUID reportedBy, UUID resolvedBy, Instant createdAt, Instant resolvedAt) {

    static BlockerResponse of(Blocker blocker) {
        return new BlockerResponse(blocker.id, blocker.taskId, blocker.description, blocker.status, blocker.resolution,
                blocker.aggregateVersion(), blocker.reportedBy, blocker.resolvedBy, blocker.createdAt,
                blocker.resolvedAt);
    }
}
