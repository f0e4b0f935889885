package io.pjctrl.project.project;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum ProjectStatus {
    @JsonProperty("active")
    ACTIVE, @JsonProperty("on_hold")
    ON_HOLD, @JsonProperty("completed")
    COMPLETED, @JsonProperty("archived")
    ARCHIVED
}
