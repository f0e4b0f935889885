package io.pjctrl.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * A real Vert.x server on a loopback port; {@code current} stands for "the application that built this router is the
 * one running", which dev mode ends by a live reload.
 */
class DevReloadGuardTest {

    static final HttpClient client = HttpClient.newHttpClient();

    Vertx vertx;
    Router router;
    HttpServer server;
    final AtomicBoolean current = new AtomicBoolean(true);
    final AtomicInteger served = new AtomicInteger();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        router = Router.router(vertx);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldPassRequestsWhileItsApplicationRuns() throws Exception {
        DevReloadGuard.install(router, current::get);
        HttpResponse<String> response = get();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("served");
    }

    @Test
    void shouldRefuseWithARetryableProblemOnceItsApplicationWasReplaced() throws Exception {
        DevReloadGuard.install(router, current::get);
        current.set(false);
        HttpResponse<String> response = get();

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        JsonObject problem = new JsonObject(response.body());
        assertThat(problem.getString("type")).isEqualTo("urn:pjctrl:problem:unavailable");
        assertThat(problem.getInteger("status")).isEqualTo(503);
        assertThat(problem.getString("detail")).contains("live-reloaded");
        assertThat(problem.getString("instance")).isEqualTo("/probe");
        assertThat(served).as("the application's own route never ran").hasValue(0);
    }

    @Test
    void shouldCheckAfterTheHotReplacementHandlerWhereARequestWaitsForTheRestart() throws Exception {
        DevReloadGuard.install(router, current::get);
        // Dev mode's handler has the first order of all and is registered whenever the recorder runs, possibly after
        // the guard: a request that waited in it for the restart must still meet the guard afterwards.
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            current.set(false);
            context.next();
        });
        HttpResponse<String> response = get();

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(served).hasValue(0);
    }

    @Test
    void shouldNotBeInstalledOutsideDevMode() {
        new DevReloadGuard().install(router);

        assertThat(router.getRoutes()).isEmpty();
    }

    private HttpResponse<String> get() throws Exception {
        router.get("/probe").handler(context -> {
            served.incrementAndGet();
            context.response().end("served");
        });
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return send();
    }

    private HttpResponse<String> send() throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + server.actualPort() + "/probe");
        return client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
