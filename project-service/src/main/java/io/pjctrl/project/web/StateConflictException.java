package io.pjctrl.project.web;

import io.pjctrl.web.problem.Problem;
import io.pjctrl.web.problem.ProblemType;

/** 409: the request contradicts the resource's state (restore of a live project, email already taken, ...). */
public class StateConflictException extends ApiException {

    private final ProblemType type;

    public StateConflictException(ProblemType type, String detail) {
        super(detail);
        this.type = type;
    }

    @Override
    public Problem problem() {
        return Problem.of(type, getMessage());
    }
}
