package io.pjctrl.project.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * RFC 9457 problem details. {@code type} is stable and machine-readable; {@code errors} names each offending field
 * of a 400.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:pjctrl:problem:";

    public static Problem of(int status, String name, String title, String detail) {
        return new Problem(TYPE_PREFIX + name, title, status, detail, null);
    }

    public static Problem invalid(String detail, List<FieldError> errors) {
        return new Problem(TYPE_PREFIX + "invalid-request", "Invalid request", 400, detail, errors);
    }
}
