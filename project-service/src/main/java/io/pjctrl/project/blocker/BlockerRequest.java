package io.pjctrl.project.blocker;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record BlockerRequest(@NotBlank @Size(max = 2000) String description) {
}
