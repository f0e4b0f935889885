package io.pjctrl.web;

import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Puts the browser-facing security headers on every response of the service, whichever handler answers (REST, the
 * admin UI's pages, static assets, health, the 404 of an unknown path, {@link BodyLimit}'s 413). The policy allows
 * script, style and connections from the service's own origin only (no inline script or style, no eval) and no
 * framing; a handler that already set a header (e.g. a stricter policy) keeps its own. Quarkus' HTML tool pages
 * (Swagger UI, Dev UI) run inline script, so they get only {@code frame-ancestors 'none'} as their policy.
 */
@ApplicationScoped
public class SecurityHeaders {

    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";
    static final String TOOL_PAGES_POLICY = "frame-ancestors 'none'";
    /** Quarkus' own HTML tools, which run inline script (health, metrics and OpenAPI are data and get the policy). */
    static final List<String> TOOL_PAGES = List.of("/q/swagger-ui", "/q/dev-ui", "/q/dev");

    // Observed before BodyLimit (default priority), so this route precedes its refusal at the same order.
    void install(@Observes @Priority(1) Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::addOnHeadersEnd);
    }

    void addOnHeadersEnd(RoutingContext context) {
        String path = context.request().path();
        context.addHeadersEndHandler(ignored -> apply(context.response().headers(), path));
        context.next();
    }

    static void apply(MultiMap headers, String path) {
        boolean toolPage = path != null && TOOL_PAGES.stream().anyMatch(path::startsWith);
        setIfAbsent(headers, "Content-Security-Policy", toolPage ? TOOL_PAGES_POLICY : CONTENT_SECURITY_POLICY);
        setIfAbsent(headers, "X-Content-Type-Options", "nosniff");
        setIfAbsent(headers, "X-Frame-Options", "DENY");
        setIfAbsent(headers, "Referrer-Policy", "no-referrer");
    }

    private static void setIfAbsent(MultiMap headers, String name, String value) {
        if (!headers.contains(name)) {
            headers.set(name, value);
        }
    }
}
