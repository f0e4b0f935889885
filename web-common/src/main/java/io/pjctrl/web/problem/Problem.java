package io.pjctrl.web.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * RFC 9457 problem details, the one error body of both services: {@code type} (a {@link ProblemType} URN),
 * {@code title} (fixed per type), {@code status}, {@code detail} (this occurrence, human-readable), {@code instance}
 * (the request path the problem occurred on) and, for a 400, the extension member {@code errors} naming each
 * offending field. Absent members are left out, never null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
    }

    public static Problem of(ProblemType type, String detail) {
        return new Problem(type.uri(), type.title(), type.status(), detail, null, null);
    }

    /**
     * A bare HTTP status the framework raised (wrong method, unsupported media type, ...), typed by
     * {@link ProblemType#forStatus}; the status stays the one answered.
     */
    public static Problem ofStatus(int status, String detail) {
        ProblemType type = ProblemType.forStatus(status);
        return new Problem(type.uri(), type.title(), status, detail, null, null);
    }

    /** A 400 naming one field. */
    public static Problem invalid(String field, String message) {
        return invalid(field + ": " + message, List.of(new FieldError(field, message)));
    }

    /** A 400 naming every offending field. */
    public static Problem invalid(String detail, List<FieldError> errors) {
        ProblemType type = ProblemType.INVALID_REQUEST;
        return new Problem(type.uri(), type.title(), type.status(), detail, null, errors);
    }

    /** The same problem, as it occurred on {@code path}. */
    public Problem at(String path) {
        return new Problem(type, title, status, detail, path, errors);
    }
}
