package io.pjctrl.project.blocker;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum BlockerStatus {
    @JsonProperty("open")
    OPEN, @JsonProperty("resolved")
    RESOLVED
}
