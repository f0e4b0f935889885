package io.pjctrl.audit.alert;

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

/** A test client of GET /api/alerts/stream: collects every event (id + JSON data) and comment line it receives. */
final class SseClient implements AutoCloseable {

    /** One received event: its {@code id:} (null when none) and its data as JSON. */
    record Event(String id, JsonNode data) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpResponse<InputStream> response;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private volatile boolean ended;

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        Thread reader = new Thread(this::read, "sse-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static SseClient open(int port, String token, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/alerts/stream"))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + token);
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
            throw new AssertionError("stream answered " + response.statusCode() + ": " + body);
        }
        return new SseClient(response);
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            List<String> data = new ArrayList<>();
            for (String line; (line = lines.readLine()) != null;) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(id, JSON.readTree(String.join("\n", data))));
                    }
                    id = null;
                    data.clear();
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).trim());
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("data:")) {
                    data.add(line.substring(5));
                }
            }
        } catch (Exception e) {
            // closed by the test
        } finally {
            ended = true;
        }
    }

    List<Event> events() {
        return List.copyOf(events);
    }

    List<String> comments() {
        return List.copyOf(comments);
    }

    boolean ended() {
        return ended;
    }

    /** The first event matching, waiting up to the timeout for it. */
    Event await(Predicate<Event> match, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (Event event : events) {
                if (match.test(event)) {
                    return event;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no matching event within " + timeout + "; got " + events);
    }

    @Override
    public void close() throws Exception {
        response.body().close();
    }
}
