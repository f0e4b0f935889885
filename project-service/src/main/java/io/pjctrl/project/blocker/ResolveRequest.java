package io.pjctrl.project.blocker;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The resolution note; {@code version} optionally pins the blocker's expected version (like If-Match). */
public record ResolveRequest(@NotBlank @Size(max = 2000) String resolution, Long version) {
}
