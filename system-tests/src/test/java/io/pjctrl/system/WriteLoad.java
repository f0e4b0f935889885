package io.pjctrl.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sustained writes through project-service's public API (task creates and updates in a few projects) at a fixed
 * rate, for as long as a drill runs. Failed calls are counted, not retried: a write that was refused never
 * committed, so it has no event to lose.
 */
final class WriteLoad implements AutoCloseable {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private final SystemStack stack;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4);
    private final List<String> tasks = new ArrayList<>();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private String token;
    private String projectId;

    WriteLoad(SystemStack stack) {
        this.stack = stack;
    }

    /** Starts writing {@code perSecond} requests per second until {@link #close()}. */
    WriteLoad start(int perSecond) {
        token = Api.login(stack, SystemStack.ADMIN_EMAIL, SystemStack.ADMIN_PASSWORD);
        projectId = extractId(send("POST", "/api/projects", "{\"name\":\"drill\",\"description\":\"sustained writes\"}"));
        long periodMicros = 1_000_000L / perSecond;
        scheduler.scheduleAtFixedRate(this::writeOnce, 0, periodMicros, TimeUnit.MICROSECONDS);
        return this;
    }

    long succeeded() {
        return succeeded.get();
    }

    long failed() {
        return failed.get();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeOnce() {
        try {
            String task;
            synchronized (tasks) {
                task = tasks.isEmpty() || ThreadLocalRandom.current().nextInt(3) == 0
                        ? null
                        : tasks.get(ThreadLocalRandom.current().nextInt(tasks.size()));
            }
            if (task == null) {
                String id = extractId(send("POST", "/api/projects/" + projectId + "/tasks",
                        "{\"title\":\"drill task\",\"description\":\"load\",\"status\":\"todo\",\"priority\":\"medium\"}"));
                synchronized (tasks) {
                    tasks.add(id);
                }
            } else {
                send("PATCH", "/api/tasks/" + task, "{\"description\":\"update " + System.nanoTime() + "\"}");
            }
            succeeded.incrementAndGet();
        } catch (Exception e) {
            failed.incrementAndGet();
        }
    }

    private String send(String method, String path, String json) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(stack.projectService().url() + path))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " -> " + response.statusCode());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String extractId(String body) {
        Matcher m = ID.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + body);
        }
        return m.group(1);
    }
}
