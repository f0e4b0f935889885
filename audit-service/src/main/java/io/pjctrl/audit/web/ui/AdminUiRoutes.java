package io.pjctrl.audit.web.ui;

import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves the admin UI's index.html for "/" and for the UI's own deep links (/audit?..., /resources/task/42, ...), so a
 * shared link or a reload works; the browser-side router takes it from there. Only the UI's page prefixes are routed
 * here: /api, /q and the hashed /assets files keep their own handlers. index.html is never cached (it names the
 * current asset hashes); the assets themselves are immutable and cached by Quarkus' static handler. The security
 * headers (Content-Security-Policy without inline script, nosniff, Referrer-Policy) come from web-common's
 * SecurityHeaders, like on every other response.
 */
@ApplicationScoped
public class AdminUiRoutes {

    static final String INDEX_RESOURCE = "META-INF/resources/index.html";
    static final Pattern UI_PAGES = Pattern
            .compile("^/(?:|index\\.html|audit|alerts|integrity|login|resources(?:/[^?#]*)?)/?$");

    private volatile Buffer index;

    void install(@Observes Router router) {
        // Before Quarkus' static handler, which would serve "/" with a day-long max-age. HEAD answers like GET (the
        // static handler would answer it with its immutable year-long caching).
        router.getWithRegex(UI_PAGES.pattern()).order(-10).handler(this::serveIndex);
        router.routeWithRegex(HttpMethod.HEAD, UI_PAGES.pattern()).order(-10).handler(this::serveIndex);
    }

    private void serveIndex(RoutingContext context) {
        Buffer page = index();
        if (page == null) {
            // Built with -Dskip.webui: let the request fall through to a plain 404.
            context.next();
            return;
        }
        HttpServerResponse response = context.response()
                .putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("Content-Length", Integer.toString(page.length()));
        if (context.request().method() == HttpMethod.HEAD) {
            response.end();
            return;
        }
        response.end(page);
    }

    private Buffer index() {
        if (index == null) {
            index = load();
        }
        return index;
    }

    private static Buffer load() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = loader.getResourceAsStream(INDEX_RESOURCE)) {
            return in == null ? null : Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            Log.warnf(e, "Could not read the admin UI's %s", INDEX_RESOURCE);
            return null;
        }
    }
}
