package io.pjctrl.project.task;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record TaskResponse(UUID id, UUID projectId, String title, @Schema(nullable = true) String description,
        TaskStatus status,
        TaskPriority priority, @Schema(nullable = true) LocalDate dueDate, @Schema(nullable = true) UUID assigneeId,
        long version, UUID createdBy, Instant createdAt,
        Instant updatedAt, @Schema(nullable = true) Instant deletedAt) {

    public static TaskResponse of(Task task) {
        return new TaskResponse(task.id, task.projectId, task.title, task.description, task.status, task.priority,
                task.dueDate, task.assigneeId, task.aggregateVersion(), task.createdBy, task.createdAt, task.updatedAt,
                task.deletedAt);
    }
}
