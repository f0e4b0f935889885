package io.pjctrl.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The calls of the benchmarks to project-service (and, with the same token, audit-service), over loopback. */
final class ProjectApi {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String base;
    private String token;

    ProjectApi(String base) {
        requireLoopback(base);
        this.base = base;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(2, runnable -> {
                    Thread thread = new Thread(runnable, "http");
                    thread.setDaemon(true);
                    return thread;
                }))
                .build();
    }

    /** The admin's session of the read benchmarks: {@code --login-base}, {@code --email}, {@code --password}. */
    static ProjectApi loggedIn(Args args) throws IOException, InterruptedException {
        ProjectApi api = new ProjectApi(args.text("login-base", "http://127.0.0.1:18081"));
        api.login(args.required("email"), args.required("password"));
        return api;
    }

    /** {@code --audit-base}: the audit-service a read benchmark measures (loopback only). */
    static String auditBase(Args args) {
        String audit = args.text("audit-base", "http://127.0.0.1:18082");
        requireLoopback(audit);
        return audit;
    }

    /** Only loopback addresses may be load-tested. */
    static void requireLoopback(String url) {
        String host = URI.create(url).getHost();
        if (!host.equals("127.0.0.1") && !host.equals("localhost") && !host.equals("[::1]")) {
            throw new IllegalArgumentException("refusing to load a non-loopback address: " + url);
        }
    }

    String token() {
        return token;
    }

    void login(String email, String password) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("email", email).put("password", password);
        token = send("POST", "/api/auth/login", body).get("access_token").asText();
    }

    String createProject(String name) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("name", name).put("description", "benchmark project " + name);
        return send("POST", "/api/projects", body).get("id").asText();
    }

    String createTask(String projectId, String title) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("title", title)
                .put("description", "created by the pjctrl benchmark harness");
        return send("POST", "/api/projects/" + projectId + "/tasks", body).get("id").asText();
    }

    /** PATCH of one task's title: one committed change, one outbox row, one event. */
    CompletableFuture<HttpResponse<String>> updateTaskTitle(String taskId, String title) {
        ObjectNode body = JSON.createObjectNode().put("title", title);
        return http.sendAsync(request("PATCH", base + "/api/tasks/" + taskId, body), HttpResponse.BodyHandlers.ofString())
                .thenApply(ProjectApi::requireSuccess);
    }

    CompletableFuture<HttpResponse<String>> createTaskAsync(String projectId, String title) {
        ObjectNode body = JSON.createObjectNode().put("title", title);
        return http.sendAsync(request("POST", base + "/api/projects/" + projectId + "/tasks", body),
                HttpResponse.BodyHandlers.ofString()).thenApply(ProjectApi::requireSuccess);
    }

    /** GET on any loopback URL with the token (audit-service accepts project-service's tokens). */
    CompletableFuture<HttpResponse<String>> get(String url) {
        return get(url, "application/json");
    }

    /** GET with the token, accepting {@code accept} (a tlog-proof is text/plain). */
    CompletableFuture<HttpResponse<String>> get(String url, String accept) {
        requireLoopback(url);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Accept", accept)
                .GET()
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(ProjectApi::requireSuccess);
    }

    private JsonNode send(String method, String path, ObjectNode body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(method, base + path, body), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(requireSuccess(response).body());
    }

    private HttpRequest request(String method, String url, ObjectNode body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("User-Agent", "pjctrl-bench/0.1")
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder.build();
    }

    private static HttpResponse<String> requireSuccess(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(response.request().method() + " " + response.uri() + " -> "
                    + response.statusCode() + " " + response.body());
        }
        return response;
    }
}
