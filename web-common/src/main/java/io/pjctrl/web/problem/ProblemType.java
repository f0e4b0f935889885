package io.pjctrl.web.problem;

import java.util.Locale;

/**
 * Every kind of failure either service answers with, as the stable {@code type} URN clients branch on
 * ({@code urn:pjctrl:problem:<name>}, the constant's name in kebab case) with its status and title. docs/api.md lists
 * them; a new kind of failure gets a constant here, never a type made up at the throw site.
 */
public enum ProblemType {

    /** A query parameter, path segment, header or body field is unacceptable; {@code errors} names each. */
    INVALID_REQUEST(400, "Invalid request"),
    /** Login: unknown email or wrong password, deliberately indistinguishable. */
    INVALID_CREDENTIALS(401, "Invalid credentials"),
    /** No valid bearer token (missing, malformed, expired, foreign-signed, revoked). */
    UNAUTHENTICATED(401, "Unauthenticated"),
    /** A valid token whose role may not do this. */
    FORBIDDEN(403, "Forbidden"),
    /** No such resource, entry, alert, chain or path. */
    NOT_FOUND(404, "Not found"), METHOD_NOT_ALLOWED(405, "Method not allowed"), NOT_ACCEPTABLE(406, "Not acceptable"),
    /** The request contradicts the resource's state (e.g. an alert acknowledged twice). */
    CONFLICT(409, "Conflict"),
    /** The expected version (If-Match or {@code version}) is not the current one. */
    VERSION_CONFLICT(409, "Version conflict"),
    /** A resource with these unique values exists already. */
    DUPLICATE(409, "Conflict"),
    /** A user with this email exists already. */
    EMAIL_TAKEN(409, "Conflict"),
    /** Restore of a resource that is not deleted. */
    NOT_DELETED(409, "Conflict"),
    /** Resolving a blocker that is resolved already. */
    ALREADY_RESOLVED(409, "Conflict"),
    /** The declared body is larger than the service accepts. */
    PAYLOAD_TOO_LARGE(413, "Payload too large"), UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    /** Throttled (login): wait as long as {@code Retry-After} says. */
    TOO_MANY_REQUESTS(429, "Too many requests"),
    /** A bug; the detail never carries a stack trace. */
    INTERNAL_ERROR(500, "Internal error"),
    /** A dependency (broker, database, project-service) is away; safe to retry later. */
    UNAVAILABLE(503, "Service unavailable");

    public static final String PREFIX = "urn:pjctrl:problem:";

    private final int status;
    private final String title;

    ProblemType(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** {@code urn:pjctrl:problem:invalid-request}. */
    public String uri() {
        return PREFIX + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The type of a bare HTTP status the framework raised (405 for a wrong method, 406, 415, ...); statuses without a
     * type of their own map to the closest kind: any other 4xx to {@link #INVALID_REQUEST}, 5xx to
     * {@link #INTERNAL_ERROR}.
     */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> TOO_MANY_REQUESTS;
            case 503 -> UNAVAILABLE;
            default -> status >= 500 ? INTERNAL_ERROR : INVALID_REQUEST;
        };
    }
}
