package io.pjctrl.audit.web;

/** A dependency the request needs (the broker, the database) is not available: 503, safe to retry later. */
public class UnavailableProblem extends RuntimeException {

    public UnavailableProblem(String detail, Throwable cause) {
        super(detail, cause);
    }
}
