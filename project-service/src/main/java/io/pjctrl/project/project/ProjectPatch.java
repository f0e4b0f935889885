package io.pjctrl.project.project;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.pjctrl.project.web.DescribedPatch;

/** Partial update of a project; see {@link DescribedPatch} for absent, null and {@code version}; null name or status: unchanged. */
@JsonPropertyOrder({"name", "description", "descriptionSet", "status", "version"}) // the order of the OpenAPI schema
public class ProjectPatch extends DescribedPatch {

    @Size(min = 1, max = 200)
    @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
    public String name;
    public ProjectStatus status;
}
