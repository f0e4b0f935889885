package io.pjctrl.project.user;

import java.time.Instant;
import java.util.UUID;

/** A user as the API shows it: never the password hash. */
public record UserResponse(UUID id, String email, String displayName, Role role, long version, Instant createdAt,
        Instant updatedAt) {

    static UserResponse of(User user) {
        return new UserResponse(user.id, user.email, user.displayName, user.role, user.aggregateVersion(),
                user.createdAt, user.updatedAt);
    }
}
