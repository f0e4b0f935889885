package io.pjctrl.project.project;

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
@Table(name = "project")
public class Project extends PanacheEntityBase {

    @Id
    public UUID id;
    public String name;
    public String description;
    @Enumerated(EnumType.STRING)
    public ProjectStatus status;
    public UUID createdBy;
    public Instant createdAt;
    public Instant updatedAt;
    /** Soft delete: set while the project is deleted, null again after a restore. */
    public Instant deletedAt;
    @Version
    public long version;

    /** The audited fields, as they appear in change events. */
    public Map<String, Object> snapshot() {
        return Changes.snapshot("name", name, "description", description, "status", status);
    }

    /** The version clients and events see: 1 after create, +1 per change (Hibernate's counter starts at 0). */
    public long aggregateVersion() {
        return version + 1;
    }
}
