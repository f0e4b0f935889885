package io.pjctrl.project.user;

import jakarta.validation.constraints.NotNull;

/** New role; {@code version} optionally pins the user's expected version (like If-Match). */
public record RoleRequest(@NotNull Role role, Long version) {
}
