package io.pjctrl.project.web;

import jakarta.validation.constraints.Size;

/**
 * What the partial updates of projects and tasks share (JSON merge patch semantics): an absent property stays as it
 * is, {@code "description": null} clears the description, and {@code version} optionally pins the expected version
 * (like If-Match). A class with setters rather than a record, because only setters tell "absent" from "null".
 */
public abstract class DescribedPatch {

    @Size(max = 4000)
    private String description;
    private boolean descriptionSet;
    private Long version;

    public String description() {
        return description;
    }

    public boolean descriptionSet() {
        return descriptionSet;
    }

    public void setDescription(String description) {
        this.description = description;
        this.descriptionSet = true;
    }

    public Long version() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }
}
