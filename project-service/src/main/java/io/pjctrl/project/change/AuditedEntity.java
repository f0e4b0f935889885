package io.pjctrl.project.change;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * An entity whose every change is an audit event: its id, its creation time, and the version its events carry.
 * The columns are the entity's own table's ({@code id}, {@code created_at}, {@code version}).
 */
@MappedSuperclass
public abstract class AuditedEntity extends PanacheEntityBase {

    @Id
    public UUID id;
    public Instant createdAt;
    @Version
    public long version;

    /** The audited fields, as they appear in change events ({@link Changes#snapshot}). */
    public abstract Map<String, Object> snapshot();

    /** The version clients and events see: 1 after create, +1 per change (Hibernate's counter starts at 0). */
    public long aggregateVersion() {
        return version + 1;
    }
}
