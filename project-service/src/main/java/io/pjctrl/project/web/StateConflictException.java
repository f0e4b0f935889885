package io.pjctrl.project.web;

/** 409: the request contradicts the resource's state (restore of a live project, email already taken, ...). */
public class StateConflictException extends ApiException {

    private final String name;

    public StateConflictException(String name, String detail) {
        super(detail);
        this.name = name;
    }

    @Override
    public Problem problem() {
        return Problem.of(409, name, "Conflict", getMessage());
    }
}
