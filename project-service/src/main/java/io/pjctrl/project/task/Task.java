package io.pjctrl.project.task;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import io.pjctrl.project.change.AuditedEntity;
import io.pjctrl.project.change.Changes;

@Entity
@Table(name = "task")
public class Task extends AuditedEntity {

    public UUID projectId;
    public String title;
    public String description;
    @Enumerated(EnumType.STRING)
    public TaskStatus status;
    @Enumerated(EnumType.STRING)
    public TaskPriority priority;
    public LocalDate dueDate;
    public UUID assigneeId;
    public UUID createdBy;
    public Instant updatedAt;
    /** Soft delete: set while the task is deleted, null again after a restore. */
    public Instant deletedAt;

    @Override
    public Map<String, Object> snapshot() {
        return Changes.snapshot("project_id", projectId, "title", title, "description", description, "status", status,
                "priority", priority, "due_date", dueDate, "assignee_id", assigneeId);
    }
}
