package io.pjctrl.project.task;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.pjctrl.project.change.Changes;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
@Table(name = "task")
public class Task extends PanacheEntityBase {

    @Id
    public UUID id;
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
    public Instant createdAt;
    public Instant updatedAt;
    /** Soft delete: set while the task is deleted, null again after a restore. */
    public Instant deletedAt;
    @Version
    public long version;

    /** The audited fields, as they appear in change events. */
    public Map<String, Object> snapshot() {
        return Changes.snapshot("project_id", projectId, "title", title, "description", description, "status", status,
                "priority", priority, "due_date", dueDate, "assignee_id", assigneeId);
    }

    /** The version clients and events see: 1 after create, +1 per change (Hibernate's counter starts at 0). */
    public long aggregateVersion() {
        return version + 1;
    }
}
