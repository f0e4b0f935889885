package io.pjctrl.project.web;

import io.pjctrl.web.problem.Problem;

/** 400: one request field (path, query or body) is unacceptable. */
public class InvalidInputException extends ApiException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    @Override
    public Problem problem() {
        return Problem.invalid(field, getMessage().substring(field.length() + 2));
    }
}
