package io.pjctrl.project.task;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum TaskStatus {
    @JsonProperty("todo")
    TODO, @JsonProperty("in_progress")
    IN_PROGRESS, @JsonProperty("blocked")
    BLOCKED, @JsonProperty("done")
    DONE
}
