package io.pjctrl.project.task;

import java.time.LocalDate;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.pjctrl.project.web.DescribedPatch;

/**
 * Partial update of a task; see {@link DescribedPatch} for absent, null and {@code version}. {@code null} also clears
 * {@code due_date}.
 */
@JsonPropertyOrder({"title", "description", "descriptionSet", "status", "priority", "dueDate", "dueDateSet", "version"}) // the order of the OpenAPI schema
public class TaskPatch extends DescribedPatch {

    @Size(min = 1, max = 200)
    @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
    private String title;
    private TaskStatus status;
    private TaskPriority priority;
    private LocalDate dueDate;
    private boolean dueDateSet;

    public String title() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
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
}
