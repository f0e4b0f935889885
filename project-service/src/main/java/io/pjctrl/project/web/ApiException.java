package io.pjctrl.project.web;

import java.util.Map;

import io.pjctrl.web.problem.Problem;

/** A domain failure that maps to one problem+json response; subclasses name the case. */
public abstract class ApiException extends RuntimeException {

    protected ApiException(String detail) {
        super(detail, null, false, false);
    }

    /** The problem body this failure answers with. */
    public abstract Problem problem();

    /** Response headers that belong to the problem (Retry-After of a 429); none by default. */
    public Map<String, String> headers() {
        return Map.of();
    }
}
