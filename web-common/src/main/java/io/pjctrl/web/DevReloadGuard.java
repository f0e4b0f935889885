package io.pjctrl.web;

import java.util.function.BooleanSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.pjctrl.web.problem.Problem;
import io.pjctrl.web.problem.ProblemType;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Dev mode only: refuses, with a retryable 503 problem+json, a request that reaches a router whose application dev mode
 * has replaced, before any application code runs. A request that arrives while a live reload restarts the application
 * waits for the restart and then continues on the previous application's router (quarkusio/quarkus#45481; Quarkus
 * closes its connection, but finishes routing it): the previous application's classes ran against the new
 * application's container and configuration, failing with {@code SRCFG00027 Could not find a mapping for
 * ProjectServiceConfig} (the old interface is not the new config's mapping) or a {@code ClassCastException} between
 * the two class loaders' copies of a bean, and an old-class instance created into the new container broke every later
 * request until the next restart. The request that triggered the reload is re-dispatched to the new router by Quarkus
 * and passes. Not installed outside dev mode.
 */
@ApplicationScoped
public class DevReloadGuard {

    static final String RETRY_AFTER_SECONDS = "1";

    void install(@Observes Router router) {
        if (LaunchMode.current() != LaunchMode.DEVELOPMENT) {
            return;
        }
        ArcContainer own = Arc.container();
        install(router, () -> Arc.container() == own && own.isRunning());
    }

    /**
     * Installs the guard right after dev mode's hot-replacement handler (order {@code Integer.MIN_VALUE}), which is
     * where a request that waited for the restart continues: before it, a request could pass and then wait.
     *
     * @param current true while the application that built {@code router} is the one running
     */
    static void install(Router router, BooleanSupplier current) {
        router.route().order(Integer.MIN_VALUE + 1).handler(context -> check(context, current));
    }

    static void check(RoutingContext context, BooleanSupplier current) {
        if (current.getAsBoolean()) {
            context.next();
            return;
        }
        Log.infof("Refused %s %s: it reached the application that a live reload replaced", context.request().method(),
                context.request().path());
        ProblemType type = ProblemType.UNAVAILABLE;
        String body = new JsonObject()
                .put("type", type.uri())
                .put("title", type.title())
                .put("status", type.status())
                .put("detail", "The application is being live-reloaded (dev mode); retry the request")
                .put("instance", context.request().path())
                .encode();
        context.response()
                .setStatusCode(type.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .end(body);
    }
}
