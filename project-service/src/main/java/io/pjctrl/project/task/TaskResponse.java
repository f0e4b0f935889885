package io.pjctrl.project.task;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

public record TaskResponse(UUID id, UUID projectId, String title, String description, TaskStatus status,
        TaskPriority priority, LocalDate dueDate, UUID assigneeId, long version, UUID createdBy, Instant createdAt,
        Instant updatedAt, Instant deletedAt) {

    public static TaskResponse of(Task task) {
        return new TaskResponse(task.id, task.projectId, task.title, task.description, task.status, task.priority,
                task.dueDate, task.assigneeId, task.aggregateVersion(), task.createdBy, task.createdAt, task.updatedAt,
                task.deletedAt);
    }
}
