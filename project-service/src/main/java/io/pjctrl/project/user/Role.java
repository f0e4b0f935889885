package io.pjctrl.project.user;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A user's role; the JSON and token form is the lower-case name. */
public enum Role {

    @JsonProperty("admin")
    ADMIN, @JsonProperty("manager")
    MANAGER, @JsonProperty("member")
    MEMBER, @JsonProperty("auditor")
    AUDITOR;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
