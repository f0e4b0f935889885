package io.pjctrl.project.user;

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
@Table(name = "app_user")
public class User extends PanacheEntityBase {

    @Id
    public UUID id;
    public String email;
    public String displayName;
    @Enumerated(EnumType.STRING)
    public Role role;
    /** bcrypt; never in a response, a snapshot or an event. */
    public String passwordHash;
    public Instant createdAt;
    public Instant updatedAt;
    @Version
    public long version;

    /** The audited fields, as they appear in change events. */
    public Map<String, Object> snapshot() {
        return Changes.snapshot("email", email, "display_name", displayName, "role", role);
    }

    /** The version clients and events see: 1 after create, +1 per change (Hibernate's counter starts at 0). */
    public long aggregateVersion() {
        return version + 1;
    }
}
