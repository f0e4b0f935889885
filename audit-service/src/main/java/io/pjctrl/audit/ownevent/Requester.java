package io.pjctrl.audit.ownevent;

import java.util.UUID;

import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.pjctrl.audit.web.Roles;
import io.vertx.core.http.HttpServerRequest;

/**
 * Who asked for an action the service records as its own audit event: the token's subject when it is a UUID
 * (project-service's user ids, else null), the caller's role and the request's metadata, cut to the contract's lengths
 * when published.
 */
public record Requester(String userId, String role, String ip, String userAgent, String requestId, String traceId) {

    public static Requester of(JsonWebToken caller, HttpHeaders headers, HttpServerRequest request) {
        return new Requester(uuidOrNull(caller.getSubject()),
                caller.getGroups().contains(Roles.ADMIN) ? Roles.ADMIN : Roles.AUDITOR,
                request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(),
                headers.getHeaderString("User-Agent"), headers.getHeaderString("X-Request-Id"),
                traceId(headers.getHeaderString("traceparent")));
    }

    /** For created_by/released_by: the subject, or the role when the subject is not a UUID. */
    public String name() {
        return userId != null ? userId : role;
    }

    /** W3C traceparent {@code 00-<trace id>-<span id>-<flags>}: the trace id part. */
    private static String traceId(String traceparent) {
        if (traceparent == null) {
            return null;
        }
        String[] parts = traceparent.split("-");
        return parts.length == 4 && parts[1].matches("[0-9a-f]{32}") ? parts[1] : null;
    }

    private static String uuidOrNull(String subject) {
        try {
            return UUID.fromString(subject).toString();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
