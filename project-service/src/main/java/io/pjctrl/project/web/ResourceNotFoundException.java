package io.pjctrl.project.web;

import java.util.UUID;

import io.pjctrl.web.problem.Problem;
import io.pjctrl.web.problem.ProblemType;

/** 404: no (active) resource of that type has that id. */
public class ResourceNotFoundException extends ApiException {

    public ResourceNotFoundException(String resourceType, UUID id) {
        super(resourceType + " " + id + " not found");
    }

    @Override
    public Problem problem() {
        return Problem.of(ProblemType.NOT_FOUND, getMessage());
    }
}
