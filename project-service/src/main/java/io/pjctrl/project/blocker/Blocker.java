package io.pjctrl.project.blocker;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import io.pjctrl.project.change.AuditedEntity;
import io.pjctrl.project.change.Changes;

@Entity
@Table(name = "blocker")
public class Blocker extends AuditedEntity {

    public UUID taskId;
    public String description;
    @Enumerated(EnumType.STRING)
    public BlockerStatus status;
    public String resolution;
    public UUID reportedBy;
    public UUID resolvedBy;
    public Instant resolvedAt;

    @Override
    public Map<String, Object> snapshot() {
        return Changes.snapshot("task_id", taskId, "description", description, "status", status, "resolution",
                resolution);
    }
}
