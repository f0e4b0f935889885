package io.pjctrl.project.project;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Partial update (JSON merge patch semantics): an absent property stays as it is, {@code "description": null}
 * clears the description. A class with setters rather than a record, because only setters tell "absent" from
 * "null". {@code version} optionally pins the expected version (like If-Match).
 */
public class ProjectPatch {

    @Size(min = 1, max = 200)
    @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
    private String name;
    @Size(max = 4000)
    private String description;
    private boolean descriptionSet;
    private ProjectStatus status;
    private Long version;

    public String name() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

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

    public ProjectStatus status() {
        return status;
    }

    public void setStatus(ProjectStatus status) {
        this.status = status;
    }

    public Long version() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }
}
