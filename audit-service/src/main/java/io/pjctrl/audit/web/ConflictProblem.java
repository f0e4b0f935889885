package io.pjctrl.audit.web;

/** The request contradicts the current state (e.g. an alert acknowledged twice): 409. */
public class ConflictProblem extends RuntimeException {

    public ConflictProblem(String detail) {
        super(detail);
    }
}
