package io.pjctrl.project.task;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

public record AssigneeRequest(@NotNull UUID userId, Long version) {
}
