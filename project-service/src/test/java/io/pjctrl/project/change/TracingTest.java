package io.pjctrl.project.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.pjctrl.project.support.Api;
import io.pjctrl.project.support.Api.TestUser;
import io.pjctrl.project.support.EventLog;
import io.pjctrl.project.support.EventLog.Event;
import io.pjctrl.testing.InjectInfra;
import io.pjctrl.testing.KafkaBroker;
import io.pjctrl.testing.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The trace context of a write travels with its event: the server span (continuing an incoming traceparent, or a
 * fresh trace) gives request_metadata.trace_id, is stored with the outbox row and is sent as the Kafka record's
 * traceparent; the relay's span links to it. Spans come from the SDK's in-memory exporter (support/TestSpans).
 */
@QuarkusTest
class TracingTest {

    @InjectInfra
    KafkaBroker broker;
    @InjectInfra
    TestTopics topics;
    @Inject
    InMemorySpanExporter spans;

    private EventLog log;
    private TestUser manager;

    @BeforeEach
    void setUp() {
        log = EventLog.of(broker.bootstrapServers(), topics.events());
        manager = Api.createUser("manager");
    }

    @Test
    void shouldContinueAnIncomingTraceparentIntoTheEventAndItsKafkaHeader() {
        String traceId = hex(16);
        String callerSpanId = hex(8);
        String requestId = UUID.randomUUID().toString();
        createProject(requestId, Map.of("traceparent", "00-" + traceId + "-" + callerSpanId + "-01",
                "tracestate", "vendor=caller-state"));

        Event event = log.awaitOne(EventLog.withRequestId(requestId));
        assertThat(event.data().path("request_metadata").path("trace_id").asText()).isEqualTo(traceId);
        SpanData server = serverSpan(traceId);
        assertThat(server.getParentSpanId()).as("the server span continues the caller's span").isEqualTo(callerSpanId);
        assertThat(event.headers().get("traceparent"))
                .as("the record carries the server span's context, the parent of the ingest's spans")
                .isEqualTo("00-" + traceId + "-" + server.getSpanId() + "-01");
        assertThat(event.headers().get("tracestate")).isEqualTo("vendor=caller-state");
        assertRelaySpanLinksTo(server);
    }

    @Test
    void shouldUseTheServerSpansTraceIdWhenTheCallerSendsNoTraceparent() {
        String requestId = UUID.randomUUID().toString();
        createProject(requestId, Map.of());

        Event event = log.awaitOne(EventLog.withRequestId(requestId));
        String traceId = event.data().path("request_metadata").path("trace_id").asText(null);
        assertThat(traceId).matches("[0-9a-f]{32}");
        SpanData server = serverSpan(traceId);
        assertThat(server.getParentSpanContext().isValid()).as("a fresh trace, no parent").isFalse();
        assertThat(server.getAttributes().asMap().toString()).contains("/api/projects");
        assertThat(event.headers().get("traceparent")).isEqualTo("00-" + traceId + "-" + server.getSpanId() + "-01");
        assertThat(event.headers()).doesNotContainKey("tracestate");
    }

    @Test
    void shouldDropATracestateLongerThanTheW3cLimitAndKeepTheWrite() {
        String traceId = hex(16);
        String requestId = UUID.randomUUID().toString();
        String tooLong = "a=" + "x".repeat(250) + ",b=" + "y".repeat(250) + ",c=" + "z".repeat(250);
        createProject(requestId, Map.of("traceparent", "00-" + traceId + "-" + hex(8) + "-01", "tracestate", tooLong));

        Event event = log.awaitOne(EventLog.withRequestId(requestId));
        assertThat(event.data().path("request_metadata").path("trace_id").asText()).isEqualTo(traceId);
        assertThat(event.headers().get("traceparent")).startsWith("00-" + traceId + "-");
        assertThat(event.headers()).doesNotContainKey("tracestate");
    }

    private void createProject(String requestId, Map<String, String> traceHeaders) {
        Api.as(manager.token())
                .header("X-Request-Id", requestId)
                .headers(traceHeaders)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Traced " + requestId))
                .post("/api/projects")
                .then()
                .statusCode(201);
    }

    /** The one SERVER span of the trace, once the batch span processor exported it. */
    private SpanData serverSpan(String traceId) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !ofTrace(traceId, SpanKind.SERVER).isEmpty());
        List<SpanData> server = ofTrace(traceId, SpanKind.SERVER);
        assertThat(server).hasSize(1);
        return server.get(0);
    }

    private void assertRelaySpanLinksTo(SpanData server) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(spans.getFinishedSpanItems())
                .filteredOn(span -> span.getName().equals("outbox publish"))
                .filteredOn(span -> span.getKind() == SpanKind.PRODUCER)
                .anySatisfy(span -> assertThat(span.getLinks())
                        .anySatisfy(link -> assertThat(link.getSpanContext().getSpanId())
                                .isEqualTo(server.getSpanId()))));
    }

    private List<SpanData> ofTrace(String traceId, SpanKind kind) {
        return spans.getFinishedSpanItems()
                .stream()
                .filter(span -> span.getTraceId().equals(traceId) && span.getKind() == kind)
                .toList();
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
