package io.pjctrl.witness;

import jakarta.ws.rs.core.Response;

import io.vertx.core.json.JsonObject;

/**
 * Refusals as RFC 9457 {@code application/problem+json} (tlog-witness prescribes the status codes and, for 409 only,
 * the body). The {@code type} URIs are stable: clients may switch on them.
 */
public final class Problems {

    static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_PREFIX = "urn:pjctrl:problem:witness:";

    private Problems() {
    }

    static Response.ResponseBuilder response(int status, String type, String detail) {
        JsonObject problem = new JsonObject()
                .put("type", TYPE_PREFIX + type)
                .put("title", title(status))
                .put("status", status)
                .put("detail", detail);
        return Response.status(status).type(MEDIA_TYPE).entity(problem.encode());
    }

    /** The HTTP reason phrase; JAX-RS's Status enum has no 422. */
    static String title(int status) {
        if (status == 422) {
            return "Unprocessable Content";
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        return known == null ? "HTTP " + status : known.getReasonPhrase();
    }

    /** The problem type of each add-checkpoint refusal, named after what tlog-witness says it means. */
    static String typeOf(int status) {
        return switch (status) {
            case 400 -> "malformed-request";
            case 403 -> "bad-log-signature";
            case 404 -> "unknown-origin";
            case 422 -> "inconsistent-checkpoint";
            default -> "refused";
        };
    }
}
