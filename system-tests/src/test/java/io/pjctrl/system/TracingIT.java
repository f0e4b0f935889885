package io.pjctrl.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pjctrl.system.OtlpReceiver.ReceivedSpan;
import io.restassured.http.ContentType;

/**
 * Tracing across both packaged services, exported over OTLP/HTTP to the stack's in-process receiver: a write's trace
 * id reaches the stored audit entry and the Kafka record's traceparent, and one trace spans project-service's server
 * span and audit-service's ingest of that change.
 */
class TracingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static SystemStack stack;
    private static String token;

    @BeforeAll
    static void startStack() {
        stack = SystemStack.shared();
        token = Api.login(stack, SystemStack.ADMIN_EMAIL, SystemStack.ADMIN_PASSWORD);
    }

    @Test
    void shouldCarryAKnownTraceparentIntoTheAuditEntryTheRecordAndOneTraceAcrossBothServices() throws Exception {
        String traceId = hex(16);
        String callerSpanId = hex(8);
        String projectId = createProject(Map.of("traceparent", "00-" + traceId + "-" + callerSpanId + "-01"));

        assertThat(storedTraceId(projectId)).isEqualTo(traceId);
        String header = traceparentOfRecord(projectId);
        assertThat(header).startsWith("00-" + traceId + "-").endsWith("-01");

        ReceivedSpan server = await(() -> single(traceId, "project-service", callerSpanId, "POST /api/projects"));
        assertThat(header).as("the record carries the server span's context").contains("-" + server.spanId() + "-");
        ReceivedSpan ingest = await(() -> single(traceId, "audit-service", server.spanId(), "audit-events process"));
        assertThat(ingest.spanId()).isNotEqualTo(server.spanId());
        assertThat(stack.traces().spans())
                .as("the batch that stored it links the request's span")
                .anySatisfy(batch -> {
                    assertThat(batch.service()).isEqualTo("audit-service");
                    assertThat(batch.name()).isEqualTo("audit ingest");
                    assertThat(batch.linkedSpanIds()).contains(server.spanId());
                });
    }

    @Test
    void shouldStoreTheServerSpansTraceIdWhenTheCallerSendsNone() throws Exception {
        String projectId = createProject(Map.of());

        String traceId = storedTraceId(projectId);
        assertThat(traceId).matches("[0-9a-f]{32}");
        ReceivedSpan server = await(() -> single(traceId, "project-service", "", "POST /api/projects"));
        assertThat(traceparentOfRecord(projectId)).isEqualTo("00-" + traceId + "-" + server.spanId() + "-01");
        assertThat(await(() -> single(traceId, "audit-service", server.spanId(), "audit-events process")))
                .as("the ingest continues the trace project-service started")
                .isNotNull();
    }

    private static String createProject(Map<String, String> traceHeaders) {
        return given().baseUri(stack.projectService().url())
                .auth()
                .oauth2(token)
                .headers(traceHeaders)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Traced " + UUID.randomUUID()))
                .post("/api/projects")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** The one span of the trace from that service, named so, whose parent is {@code parentSpanId} ("" for a root). */
    private static ReceivedSpan single(String traceId, String service, String parentSpanId, String name) {
        List<ReceivedSpan> found = stack.traces()
                .ofTrace(traceId)
                .stream()
                .filter(span -> span.service().equals(service) && span.parentSpanId().equals(parentSpanId))
                .filter(span -> span.name().equals(name))
                .toList();
        return found.size() == 1 ? found.get(0) : null;
    }

    private static String storedTraceId(String projectId) throws Exception {
        String metadata = await(() -> query(projectId));
        return JSON.readTree(metadata).path("trace_id").asText(null);
    }

    private static String query(String projectId) {
        try (Connection c = stack.auditDb().connect();
                PreparedStatement s = c.prepareStatement(
                        "SELECT request_metadata::text FROM audit_logs WHERE resource_id = ? AND event_type = 'project.create'")) {
            s.setString(1, projectId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The traceparent header of the project.create record of the project, read from every partition. */
    private static String traceparentOfRecord(String projectId) throws Exception {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(SystemStack.EVENTS_TOPIC, Duration.ofSeconds(30))
                    .stream()
                    .map(info -> new TopicPartition(SystemStack.EVENTS_TOPIC, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant deadline = Instant.now().plus(TIMEOUT);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() != null && record.key().equals("project:" + projectId)) {
                        JsonNode data = JSON.readTree(record.value());
                        if ("project.create".equals(data.path("event_type").asText())) {
                            Header header = record.headers().lastHeader("traceparent");
                            return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
                        }
                    }
                }
            }
        }
        throw new AssertionError("no project.create record for " + projectId + " within " + TIMEOUT);
    }

    private static <T> T await(java.util.function.Supplier<T> probe) {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            ServiceProcess.sleep(200);
        }
        throw new AssertionError("not seen within " + TIMEOUT + " (" + stack.traces().spans().size() + " spans held, "
                + stack.traces().evicted() + " older ones evicted); see " + stack.work());
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
