package io.pjctrl.project.project;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record ProjectRequest(@NotBlank @Size(max = 200) String name, @Size(max = 4000) String description) {
}
