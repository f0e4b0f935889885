package io.pjctrl.audit.web.ui;

import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves the admin UI's index.html for "/" and for the UI's own deep links (/audit?..., /resources/task/42, ...), so a
 * shared link or a reload works; the browser-side router takes it from there. Only the UI's page prefixes are routed
 * here: /api, /q and the hashed /assets files keep their own handlers. index.html is never cached (it names the
 * current asset hashes); the assets themselves are immutable and cached by Quarkus' static handler.
 */
@ApplicationScoped
public class AdminUiRoutes {

    static final String INDEX_RESOURCE = "META-INF/resources/index.html";
    static final Pattern UI_PAGES = Pattern
            .compile("^/(?:|index\\.html|audit|alerts|integrity|login|resources(?:/[^?#]*)?)/?$");

    private volatile Buffer index;

    void install(@Observes Router router) {
        // Before Quarkus' static handler, which would serve "/" with a day-long max-age.
        router.getWithRegex(UI_PAGES.pattern()).order(-10).handler(this::serveIndex);
    }

    private void serveIndex(RoutingContext context) {
        Buffer page = index();
        if (page == null) {
            // Built with -Dskip.webui: let the request fall through to a plain 404.
            context.next();
            return;
        }
        context.response()
                .putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .end(page);
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
