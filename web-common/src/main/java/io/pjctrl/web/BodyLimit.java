package io.pjctrl.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.pjctrl.web.problem.Problem;
import io.pjctrl.web.problem.ProblemType;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses a request whose declared body is larger than {@code quarkus.http.limits.max-body-size} before a byte of it
 * is read, with a 413 {@code application/problem+json} like every other error of the API. Without this, the HTTP layer
 * answers a bare 413 with an empty body. The connection is closed after the answer: the rest of the body is dropped,
 * never parsed. A chunked body (no Content-Length) is still cut off at the same limit by the HTTP layer itself.
 */
@ApplicationScoped
public class BodyLimit {

    static final String PROBLEM_MEDIA_TYPE = Problem.MEDIA_TYPE;
    /** How long a refused client may go on sending before its connection is closed regardless. */
    static final long DRAIN_MILLIS = 10_000;

    private final long maxBytes;
    private final long drainMillis;

    @Inject
    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize max) {
        this(max.asLongValue(), DRAIN_MILLIS);
    }

    BodyLimit(long maxBytes, long drainMillis) {
        this.maxBytes = maxBytes;
        this.drainMillis = drainMillis;
    }

    void install(@Observes Router router) {
        // First of all routes: nothing (authentication, REST, static files) should start on a body that is refused.
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    void check(RoutingContext context) {
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared == null) {
            context.next();
            return;
        }
        long length;
        try {
            length = Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            // The HTTP codec refuses such a request (400) before routing; never ours to judge.
            context.next();
            return;
        }
        if (length > maxBytes) {
            refuse(context, "The request body has " + length + " bytes; at most " + maxBytes + " are accepted");
            return;
        }
        context.next();
    }

    private void refuse(RoutingContext context, String detail) {
        ProblemType type = ProblemType.PAYLOAD_TOO_LARGE;
        String body = new JsonObject()
                .put("type", type.uri())
                .put("title", type.title())
                .put("status", type.status())
                .put("detail", detail)
                .put("instance", context.request().path())
                .encode();
        HttpServerResponse response = context.response()
                .setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, PROBLEM_MEDIA_TYPE);
        if (context.request().version() == HttpVersion.HTTP_2) {
            // Ends just this stream; the peer's further frames for it are dropped.
            response.end(body);
            return;
        }
        // HTTP/1.1: the connection cannot carry another request after an unread body, so it is closed, but only once
        // the client has finished sending (or after a drain timeout): closing under a client still writing resets the
        // connection, and the client loses the answer. What it sends meanwhile is read and dropped, never buffered.
        response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE).end(body);
        HttpServerRequest request = context.request();
        if (request.isEnded()) {
            request.connection().close();
            return;
        }
        long timer = context.vertx().setTimer(drainMillis, id -> request.connection().close());
        request.handler(ignored -> {
        }).endHandler(ignored -> {
            context.vertx().cancelTimer(timer);
            request.connection().close();
        });
        request.resume();
    }
}
