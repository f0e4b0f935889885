package io.pjctrl.project.user;

import java.time.Instant;
import java.util.Map;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import io.pjctrl.project.change.AuditedEntity;
import io.pjctrl.project.change.Changes;

@Entity
@Table(name = "app_user")
public class User extends AuditedEntity {

    public String email;
    public String displayName;
    @Enumerated(EnumType.STRING)
    public Role role;
    /** bcrypt; never in a response, a snapshot or an event. */
    public String passwordHash;
    public Instant updatedAt;

    @Override
    public Map<String, Object> snapshot() {
        return Changes.snapshot("email", email, "display_name", displayName, "role", role);
    }
}
