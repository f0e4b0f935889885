package io.pjctrl.system;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A viewer of one audit-service instance's GET /api/alerts/stream: every event it received (id + alert JSON). */
final class AlertStreamClient implements AutoCloseable {

    /** One received event. */
    record Event(String id, JsonNode alert) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String instance;
    private final HttpResponse<InputStream> response;
    private final List<Event> events = new CopyOnWriteArrayList<>();

    private AlertStreamClient(String instance, HttpResponse<InputStream> response) {
        this.instance = instance;
        this.response = response;
        Thread reader = new Thread(this::read, "alert-stream-" + instance);
        reader.setDaemon(true);
        reader.start();
    }

    static AlertStreamClient open(ServiceProcess audit, String token, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(audit.url() + "/api/alerts/stream"))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + token);
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new AssertionError(audit.name() + " stream answered " + response.statusCode() + ": "
                    + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
        }
        return new AlertStreamClient(audit.name(), response);
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            StringBuilder data = new StringBuilder();
            for (String line; (line = lines.readLine()) != null;) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        events.add(new Event(id, JSON.readTree(data.toString())));
                    }
                    id = null;
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5));
                }
            }
        } catch (Exception e) {
            // closed by the test
        }
    }

    List<Event> events() {
        return new ArrayList<>(events);
    }

    /** The alert raised by audit entry {@code entryId}, waiting up to the timeout. */
    Event awaitAlertOf(String entryId, Duration timeout) throws InterruptedException {
        return await(e -> entryId.equals(e.alert().path("audit_log_id").asText()), timeout,
                "alert of entry " + entryId);
    }

    Event await(Predicate<Event> match, Duration timeout, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (Event event : events) {
                if (match.test(event)) {
                    return event;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(instance + ": no " + what + " streamed within " + timeout + "; got " + events);
    }

    @Override
    public void close() throws Exception {
        response.body().close();
    }
}
