package io.pjctrl.audit.web;

/** The addressed entry, alert or resource does not exist: 404. */
public class NotFoundProblem extends RuntimeException {

    public NotFoundProblem(String what, Object id) {
        super(what + " " + id + " not found");
    }
}
