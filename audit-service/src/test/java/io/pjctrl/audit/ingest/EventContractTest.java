package io.pjctrl.audit.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

import io.pjctrl.audit.testsupport.TestEvent;

/** The hand-written contract check agrees with docs/events/audit-event.schema.json (networknt) on every case. */
class EventContractTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonSchema SCHEMA = loadSchema();
    private static final EventContract CONTRACT = new EventContract(1024 * 1024);

    static Stream<Arguments> goldenExamples() {
        return Stream.of("project.create", "task.update", "user.login_failed")
                .map(name -> Arguments.of(Named.of(name, TestEvent.example(name))));
    }

    /** Variants of a valid event that the schema rejects. */
    static Stream<Arguments> invalidVariants() {
        return Stream.of(
                variant("missing event_id", d -> d.remove("event_id")),
                variant("missing changes", d -> d.remove("changes")),
                variant("unknown top-level property", d -> d.put("extra", 1)),
                variant("uppercase event_id", d -> d.put("event_id", "3F6D9A2B-1C4E-4B7A-8D5F-6E2C1B0A9F88")),
                variant("event_type without dot", d -> d.put("event_type", "taskupdate")),
                variant("event_type too long", d -> d.put("event_type", "a." + "b".repeat(60))),
                variant("resource_type with digits", d -> d.put("resource_type", "task2")),
                variant("resource_id too long", d -> d.put("resource_id", "x".repeat(65))),
                variant("resource_id a number", d -> d.put("resource_id", 5)),
                variant("action not in enum", d -> d.put("action", "erase")),
                variant("actor missing role", d -> ((ObjectNode) d.get("actor")).remove("role")),
                variant("actor unknown role", d -> ((ObjectNode) d.get("actor")).put("role", "root")),
                variant("actor with extra property", d -> ((ObjectNode) d.get("actor")).put("name", "x")),
                variant("actor not an object", d -> d.put("actor", "someone")),
                variant("changes not an object", d -> d.set("changes", NODES.arrayNode())),
                variant("changes entry with other key",
                        d -> ((ObjectNode) d.get("changes")).putObject("status").put("was", "x")),
                variant("changes entry empty", d -> ((ObjectNode) d.get("changes")).putObject("status")),
                variant("changes entry not an object", d -> ((ObjectNode) d.get("changes")).put("status", "x")),
                variant("changes field name uppercase", d -> ((ObjectNode) d.get("changes")).putObject("Status").put("new", 1)),
                variant("aggregate_version negative", d -> d.put("aggregate_version", -1)),
                variant("aggregate_version fractional", d -> d.put("aggregate_version", 1.5)),
                variant("aggregate_version a string", d -> d.put("aggregate_version", "1")),
                variant("occurred_at with offset", d -> d.put("occurred_at", "2026-11-28T09:00:00+01:00")),
                variant("occurred_at date only", d -> d.put("occurred_at", "2026-11-28")),
                variant("request_metadata missing ip", d -> ((ObjectNode) d.get("request_metadata")).remove("ip")),
                variant("request_metadata extra", d -> ((ObjectNode) d.get("request_metadata")).put("host", "x")),
                variant("user_agent too long",
                        d -> ((ObjectNode) d.get("request_metadata")).put("user_agent", "u".repeat(513))),
                variant("data not an object", d -> {
                }));
    }

    @ParameterizedTest
    @MethodSource("goldenExamples")
    void shouldAcceptGoldenExamplesLikeTheSchema(TestEvent example) {
        assertThat(SCHEMA.validate(example.data())).isEmpty();
        assertThat(CONTRACT.validate(record(example)).eventId()).isEqualTo(example.eventId());
    }

    @ParameterizedTest
    @MethodSource("invalidVariants")
    void shouldRejectWhatTheSchemaRejects(JsonNode data) {
        assertThat(SCHEMA.validate(data)).isNotEmpty();
        assertThatThrownBy(() -> CONTRACT.validateData(data, "/test", 0, 0)).isInstanceOf(ContractViolation.class);
    }

    @Test
    void shouldAcceptEventTypesItDoesNotKnow() {
        TestEvent event = TestEvent.of("attachment.upload");

        assertThat(SCHEMA.validate(event.data())).isEmpty();
        assertThat(CONTRACT.validate(record(event)).eventType()).isEqualTo("attachment.upload");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ce_specversion", "ce_id", "ce_source", "ce_type"})
    void shouldRejectMissingCloudEventsHeader(String header) {
        TestEvent event = TestEvent.of("task.update").withoutHeader(header);

        assertThatThrownBy(() -> CONTRACT.validate(record(event))).isInstanceOfSatisfying(ContractViolation.class,
                v -> assertThat(v.reason()).isEqualTo("bad_header"));
    }

    @Test
    void shouldRejectWrongSpecVersion() {
        TestEvent event = TestEvent.of("task.update").header("ce_specversion", "0.3");

        assertThatThrownBy(() -> CONTRACT.validate(record(event))).isInstanceOfSatisfying(ContractViolation.class,
                v -> assertThat(v.reason()).isEqualTo("bad_header"));
    }

    @Test
    void shouldRejectCeIdThatDiffersFromEventId() {
        TestEvent event = TestEvent.of("task.update").header("ce_id", java.util.UUID.randomUUID().toString());

        assertThatThrownBy(() -> CONTRACT.validate(record(event))).isInstanceOfSatisfying(ContractViolation.class,
                v -> assertThat(v.reason()).isEqualTo("bad_header"));
    }

    @Test
    void shouldRejectPayloadOverTheLimitBeforeParsing() {
        TestEvent event = TestEvent.of("task.update").rawValue(new byte[1024 * 1024 + 1]);

        assertThatThrownBy(() -> CONTRACT.validate(record(event))).isInstanceOfSatisfying(ContractViolation.class,
                v -> assertThat(v.reason()).isEqualTo("payload_too_large"));
    }

    @Test
    void shouldRejectNotJson() {
        TestEvent event = TestEvent.of("task.update").rawValue("not json {".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> CONTRACT.validate(record(event))).isInstanceOfSatisfying(ContractViolation.class,
                v -> assertThat(v.reason()).isEqualTo("not_json"));
    }

    @Test
    void shouldRejectWhatTheSchemaAllowsButPostgresCannotStore() {
        TestEvent event = TestEvent.of("task.update").changes("{\"title\":{\"new\":\"nul \\u0000 inside\"}}");

        assertThat(SCHEMA.validate(event.data())).isEmpty();
        assertThatThrownBy(() -> CONTRACT.validate(record(event))).isInstanceOfSatisfying(ContractViolation.class,
                v -> assertThat(v.reason()).isEqualTo("not_canonicalizable"));
    }

    @Test
    void shouldTruncateOccurredAtToMicroseconds() {
        TestEvent event = TestEvent.of("task.update");
        event.data().put("occurred_at", "2026-11-28T09:00:00.123456789Z");

        assertThat(CONTRACT.validateData(event.data(), "/test", 0, 0).occurredAt())
                .isEqualTo(java.time.Instant.parse("2026-11-28T09:00:00.123456Z"));
    }

    static ConsumerRecord<String, byte[]> record(TestEvent event) {
        ProducerRecord<String, byte[]> produced = event.toRecord("events");
        return new ConsumerRecord<>("events", 0, 7L, 0L, TimestampType.CREATE_TIME, 0, 0, produced.key(), produced.value(),
                produced.headers(), Optional.empty());
    }

    private static Arguments variant(String desc, Consumer<ObjectNode> change) {
        ObjectNode data = TestEvent.example("task.update").data().deepCopy();
        change.accept(data);
        JsonNode node = "data not an object".equals(desc) ? NODES.textNode("x") : data;
        return Arguments.of(Named.of(desc, node));
    }

    private static JsonSchema loadSchema() {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("docs/events/audit-event.schema.json"))) {
            dir = dir.getParent();
        }
        try {
            JsonNode schema = MAPPER.readTree(dir.resolve("docs/events/audit-event.schema.json").toFile());
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
