package io.pjctrl.audit.web.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/**
 * The forwarding itself, against a real HTTP server on loopback standing where project-service would be (the full
 * sign-in through project-service is exercised by the browser end-to-end test against the running stack).
 */
class AuthForwarderTest {

    private HttpServer upstream;
    private final Map<String, String> seen = new ConcurrentHashMap<>();

    @BeforeEach
    void startUpstream() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/api/auth/login", exchange -> {
            seen.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            seen.put("xff", String.valueOf(exchange.getRequestHeaders().getFirst("X-Forwarded-For")));
            seen.put("ua", String.valueOf(exchange.getRequestHeaders().getFirst("User-Agent")));
            if (seen.get("body").contains("\"password\":\"throttled\"")) {
                byte[] problem = "{\"type\":\"urn:pjctrl:problem:too-many-requests\",\"status\":429}"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
                exchange.getResponseHeaders().add("Retry-After", "7");
                exchange.sendResponseHeaders(429, problem.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(problem);
                }
                return;
            }
            boolean good = seen.get("body").contains("\"password\":\"right\"");
            byte[] answer = (good
                    ? "{\"access_token\":\"jwt\",\"token_type\":\"Bearer\",\"expires_in\":900}"
                    : "{\"type\":\"urn:pjctrl:problem:invalid-credentials\",\"status\":401}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", good ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(good ? 200 : 401, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        upstream.createContext("/api/auth/logout", exchange -> {
            seen.put("authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        upstream.start();
    }

    @AfterEach
    void stopUpstream() {
        upstream.stop(0);
    }

    @Test
    void shouldForwardCredentialsWithTheBrowsersAddressAndAgentAndRelayTheToken() {
        AuthForwarder.Answer answer = forwarder(port()).login("{\"email\":\"a@b.c\",\"password\":\"right\"}",
                ClientInfo.of("203.0.113.7", "10.0.0.2", "Mozilla/5.0 test", "req-1"))
                .await()
                .atMost(Duration.ofSeconds(10));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("\"access_token\":\"jwt\"");
        assertThat(seen).containsEntry("body", "{\"email\":\"a@b.c\",\"password\":\"right\"}")
                .containsEntry("xff", "203.0.113.7, 10.0.0.2")
                .containsEntry("ua", "Mozilla/5.0 test");
    }

    @Test
    void shouldRelayARejectedSignInAsIs() {
        AuthForwarder.Answer answer = forwarder(port()).login("{\"email\":\"a@b.c\",\"password\":\"wrong\"}",
                ClientInfo.of(null, "127.0.0.1", null, null))
                .await()
                .atMost(Duration.ofSeconds(10));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(seen).containsEntry("xff", "127.0.0.1");
    }

    @Test
    void shouldRelayAThrottledSignInWithItsRetryAfter() {
        AuthForwarder.Answer answer = forwarder(port()).login("{\"email\":\"a@b.c\",\"password\":\"throttled\"}",
                ClientInfo.of("203.0.113.9", "127.0.0.1", null, null))
                .await()
                .atMost(Duration.ofSeconds(10));

        assertThat(answer.status()).isEqualTo(429);
        assertThat(answer.retryAfter()).isEqualTo("7");
        assertThat(seen).containsEntry("xff", "203.0.113.9, 127.0.0.1");
        Response relayed = SessionResource.relay(answer);
        assertThat(relayed.getStatus()).isEqualTo(429);
        assertThat(relayed.getHeaderString("Retry-After")).isEqualTo("7");
        assertThat(relayed.getMediaType()).hasToString("application/problem+json");
        assertThat(relayed.getEntity()).asString().contains("too-many-requests");
    }

    @Test
    void shouldForwardTheBearerTokenOnSignOut() {
        AuthForwarder.Answer answer = forwarder(port()).logout("Bearer abc", ClientInfo.of(null, "127.0.0.1", null, null))
                .await()
                .atMost(Duration.ofSeconds(10));

        assertThat(answer.status()).isEqualTo(204);
        assertThat(seen).containsEntry("authorization", "Bearer abc");
    }

    @Test
    void shouldFailWhenProjectServiceIsUnreachable() {
        int closed = port();
        upstream.stop(0);

        assertThatThrownBy(() -> forwarder(closed).login("{}", ClientInfo.of(null, "127.0.0.1", null, null))
                .await()
                .atMost(Duration.ofSeconds(10))).hasCauseInstanceOf(java.net.ConnectException.class);
    }

    private int port() {
        return upstream.getAddress().getPort();
    }

    private static AuthForwarder forwarder(int port) {
        return new AuthForwarder(new UiConfig() {

            @Override
            public URI loginUrl() {
                return URI.create("http://127.0.0.1:" + port + "/api/auth/login");
            }

            @Override
            public URI logoutUrl() {
                return URI.create("http://127.0.0.1:" + port + "/api/auth/logout");
            }

            @Override
            public Duration forwardTimeout() {
                return Duration.ofSeconds(5);
            }
        });
    }
}
