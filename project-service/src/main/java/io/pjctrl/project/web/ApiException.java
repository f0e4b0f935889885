package io.pjctrl.project.web;

/** A domain failure that maps to one problem+json response; subclasses name the case. */
public abstract class ApiException extends RuntimeException {

    protected ApiException(String detail) {
        super(detail, null, false, false);
    }

    /** The problem body this failure answers with. */
    public abstract Problem problem();
}
