package io.pjctrl.audit.web.ui;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/**
 * Forwards sign-in and sign-out to project-service. The JDK client is enough for two small requests and adds no
 * dependency; its future is adapted to Uni, so no thread waits.
 */
@ApplicationScoped
public class AuthForwarder {

    /**
     * project-service's answer, passed back to the browser as is; {@code retryAfter} is its Retry-After header (a
     * throttled sign-in's 429), null when absent.
     */
    public record Answer(int status, String contentType, String body, String retryAfter) {
    }

    private final HttpClient client;
    private final UiConfig config;

    public AuthForwarder(UiConfig config) {
        this.config = config;
        this.client = HttpClient.newBuilder()
                .connectTimeout(config.forwardTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public Uni<Answer> login(String jsonBody, ClientInfo clientInfo) {
        return send(request(config.loginUrl(), clientInfo).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    public Uni<Answer> logout(String authorization, ClientInfo clientInfo) {
        HttpRequest.Builder request = request(config.logoutUrl(), clientInfo)
                .POST(HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    private HttpRequest.Builder request(URI target, ClientInfo clientInfo) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(timeout())
                .header("Accept", "application/json")
                .header("X-Forwarded-For", clientInfo.forwardedFor());
        if (clientInfo.userAgent() != null) {
            request.header("User-Agent", clientInfo.userAgent());
        }
        if (clientInfo.requestId() != null) {
            request.header("X-Request-Id", clientInfo.requestId());
        }
        return request;
    }

    private Uni<Answer> send(HttpRequest.Builder request) {
        return Uni.createFrom()
                .completionStage(() -> client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()))
                .map(response -> new Answer(response.statusCode(),
                        response.headers().firstValue("Content-Type").orElse("application/json"), response.body(),
                        response.headers().firstValue("Retry-After").orElse(null)));
    }

    private Duration timeout() {
        return config.forwardTimeout();
    }
}
