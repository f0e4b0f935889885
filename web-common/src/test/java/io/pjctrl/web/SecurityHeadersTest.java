package io.pjctrl.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

/** A real Vert.x server on a loopback port with the headers and the body limit installed as the services do. */
class SecurityHeadersTest {

    static Vertx vertx;
    static HttpServer server;
    static HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        new SecurityHeaders().install(router);
        new BodyLimit(1024, 500).install(router);
        router.get("/page").handler(context -> context.response().end("<html></html>"));
        router.get("/q/swagger-ui/index.html").handler(context -> context.response().end("<script>inline()</script>"));
        router.get("/own-policy").handler(context -> context.response()
                .putHeader("Content-Security-Policy", "default-src 'none'")
                .end());
        router.get("/q/health").handler(context -> context.response().end("{\"status\":\"UP\"}"));
        router.post("/upload").handler(context -> context.response().end());
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldSendTheStrictPolicyAndTheOtherHeadersOnAPage() throws Exception {
        HttpResponse<String> response = get("/page");

        assertThat(response.statusCode()).isEqualTo(200);
        String policy = response.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).isEqualTo(SecurityHeaders.CONTENT_SECURITY_POLICY)
                .contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    }

    @Test
    void shouldSendTheHeadersOnAPathNobodyServes() throws Exception {
        HttpResponse<String> response = get("/nothing-here");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue(SecurityHeaders.CONTENT_SECURITY_POLICY);
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void shouldSendTheHeadersOnABodyLimitRefusal() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri("/upload"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[4096]))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue(SecurityHeaders.CONTENT_SECURITY_POLICY);
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void shouldKeepAPolicyTheHandlerSetItself() throws Exception {
        assertThat(get("/own-policy").headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none'");
    }

    @Test
    void shouldOnlyForbidFramingOnTheToolPagesThatRunInlineScript() throws Exception {
        HttpResponse<String> response = get("/q/swagger-ui/index.html");

        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue("frame-ancestors 'none'");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void shouldSendTheStrictPolicyOnTheDataEndpointsUnderQ() throws Exception {
        assertThat(get("/q/health").headers().firstValue("Content-Security-Policy"))
                .hasValue(SecurityHeaders.CONTENT_SECURITY_POLICY);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.actualPort() + path);
    }
}
