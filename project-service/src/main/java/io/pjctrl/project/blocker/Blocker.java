package io.pjctrl.project.blocker;

import java.time.Instant;
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
@Table(name = "blocker")
public class Blocker extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID taskId;
    public String description;
    @Enumerated(EnumType.STRING)
    public BlockerStatus status;
    public String resolution;
    public UUID reportedBy;
    public UUID resolvedBy;
    public Instant createdAt;
    public Instant resolvedAt;
    @Version
    public long version;

    /** The audited fields, as they appear in change events. */
    public Map<String, Object> snapshot() {
        return Changes.snapshot("task_id", taskId, "description", description, "status", status, "resolution",
                resolution);
    }

    /** The version clients and events see: 1 after create, +1 per change (Hibernate's counter starts at 0). */
    public long aggregateVersion() {
        return version + 1;
    }
}
