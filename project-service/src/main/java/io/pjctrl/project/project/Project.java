package io.pjctrl.project.project;

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
@Table(name = "project")
public class Project extends AuditedEntity {

    public String name;
    public String description;
    @Enumerated(EnumType.STRING)
    public ProjectStatus status;
    public UUID createdBy;
    public Instant updatedAt;
    /** Soft delete: set while the project is deleted, null again after a restore. */
    public Instant deletedAt;

    @Override
    public Map<String, Object> snapshot() {
        return Changes.snapshot("name", name, "description", description, "status", status);
    }
}
