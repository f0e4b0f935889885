package io.pjctrl.project.task;

import java.time.LocalDate;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Partial update (JSON merge patch semantics): an absent property stays as it is, {@code null} clears
 * {@code description} or {@code due_date}. A class with setters rather than a record, because only setters tell
 * "absent" from "null". {@code version} optionally pins the expected version (like If-Match).
 */
public class TaskPatch {

    @Size(min = 1, max = 200)
    @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
    private String title;
    @Size(max = 4000)
    private String description;
    private boolean descriptionSet;
    private TaskStatus status;
    private TaskPriority priority;
    private LocalDate dueDate;
    private boolean dueDateSet;
    private Long version;

    public String title() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
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

    public TaskStatus status() {
        return status;
    }

    public void setStatus(TaskStatus status) {
        this.status = status;
    }

    public TaskPriority priority() {
        return priority;
    }

    public void setPriority(TaskPriority priority) {
        this.priority = priority;
    }

    public LocalDate dueDate() {
        return dueDate;
    }

    public boolean dueDateSet() {
        return dueDateSet;
    }

    public void setDueDate(LocalDate dueDate) {
        this.dueDate = dueDate;
        this.dueDateSet = true;
    }

    public Long version() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }
}
