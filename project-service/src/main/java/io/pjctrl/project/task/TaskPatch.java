package io.pjctrl.project.task;

import java.time.LocalDate;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.pjctrl.project.web.DescribedPatch;

/**
 * Partial update of a task; see {@link DescribedPatch} for absent, null and {@code version}. {@code null} also clears
 * {@code due_date}; a null title, status or priority leaves it unchanged.
 */
@JsonPropertyOrder({"title", "description", "descriptionSet", "status", "priority", "dueDate", "dueDateSet", "version"}) // the order of the OpenAPI schema
public class TaskPatch extends DescribedPatch {

    @Size(min = 1, max = 200)
    @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
    public String title;
    public TaskStatus status;
    public TaskPriority priority;
    private LocalDate dueDate;
    private boolean dueDateSet;

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
