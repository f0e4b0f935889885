package io.pjctrl.contract.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

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

/** The hand-written contract check agrees with events/audit-event.schema.json (networknt) on every case. */
class EventContractTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonSchema SCHEMA = GoldenEvents.schema();
    private static final EventContract CONTRACT = new EventContract(1024 * 1024);

    static Stream<Arguments> goldenExamples() {
        return GoldenEvents.NAMES.stream().map(name -> Arguments.of(Named.of(name, GoldenEvents.example(name))));
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
    void shouldAcceptGoldenExamplesLikeTheSchema(JsonNode example) {
        assertThat(SCHEMA.validate(example.get("data"))).isEmpty();
        assertThat(CONTRACT.validate(GoldenEvents.record(example), 0, 7).eventId())
                .isEqualTo(UUID.fromString(example.get("data").get("event_id").asText()));
    }

    @ParameterizedTest
    @MethodSource("invalidVariants")
    void shouldRejectWhatTheSchemaRejects(JsonNode data) {
        assertThat(SCHEMA.validate(data)).isNotEmpty();
        assertThatThrownBy(() -> CONTRACT.validateData(data, "/test", 0, 0)).isInstanceOf(ContractViolation.class);
    }

    @Test
    void shouldAcceptEventTypesItDoesNotKnow() {
        ObjectNode data = taskUpdate();
        data.put("event_type", "attachment.upload").put("resource_type", "attachment").put("action", "create");

        assertThat(SCHEMA.validate(data)).isEmpty();
        assertThat(CONTRACT.validate(record(data, h -> h.put("ce_type", "attachment.upload")), 0, 7).eventType())
                .isEqualTo("attachment.upload");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ce_specversion", "ce_id", "ce_source", "ce_type"})
    void shouldRejectMissingCloudEventsHeader(String header) {
        EventRecord record = record(taskUpdate(), h -> h.remove(header));

        assertThatThrownBy(() -> CONTRACT.validate(record, 0, 7)).isInstanceOfSatisfying(ContractViolation.class,
                v -> assertThat(v.reason()).isEqualTo("bad_header"));
    }

    @Test
    void shouldRejectWrongSpecVersion() {
        EventRecord record = record(taskUpdate(), h -> h.put("ce_specversion", "0.3"));

        assertThatThrownBy(() -> CONTRACT.validate(record, 0, 7)).isInstanceOfSatisfying(ContractViolation.class,
                v -> assertThat(v.reason()).isEqualTo("bad_header"));
    }

    @Test
    void shouldRejectCeIdThatDiffersFromEventId() {
        EventRecord record = record(taskUpdate(), h -> h.put("ce_id", UUID.randomUUID().toString()));

        assertThatThrownBy(() -> CONTRACT.validate(record, 0, 7)).isInstanceOfSatisfying(ContractViolation.class,
                v -> assertThat(v.reason()).isEqualTo("bad_header"));
    }

    @Test
    void shouldRejectPayloadOverTheLimitBeforeParsing() {
        EventRecord record = rawValue(new byte[1024 * 1024 + 1]);

        assertThatThrownBy(() -> CONTRACT.validate(record, 0, 7)).isInstanceOfSatisfying(ContractViolation.class,
                v -> assertThat(v.reason()).isEqualTo("payload_too_large"));
    }

    @Test
    void shouldRejectNotJson() {
        EventRecord record = rawValue("not json {".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> CONTRACT.validate(record, 0, 7)).isInstanceOfSatisfying(ContractViolation.class,
                v -> assertThat(v.reason()).isEqualTo("not_json"));
    }

    @Test
    void shouldRejectWhatTheSchemaAllowsButPostgresCannotStore() {
        ObjectNode data = taskUpdate();
        data.putObject("changes").putObject("title").put("new", "nul \u0000 inside");

        assertThat(SCHEMA.validate(data)).isEmpty();
        assertThatThrownBy(() -> CONTRACT.validate(record(data, h -> {
        }), 0, 7)).isInstanceOfSatisfying(ContractViolation.class,
                v -> assertThat(v.reason()).isEqualTo("not_canonicalizable"));
    }

    @Test
    void shouldRejectAPropertyNameOnlyTheIngestMayWrite() {
        ObjectNode data = taskUpdate();
        data.putObject("changes").putObject("title").putObject("new").put("$commit", "AAAA");

        assertThat(SCHEMA.validate(data)).isEmpty();
        assertThatThrownBy(() -> CONTRACT.validate(record(data, h -> {
        }), 0, 7)).isInstanceOfSatisfying(ContractViolation.class,
                v -> assertThat(v.reason()).isEqualTo("reserved_key"));
    }

    @Test
    void shouldTruncateOccurredAtToMicroseconds() {
        ObjectNode data = taskUpdate();
        data.put("occurred_at", "2026-11-28T09:00:00.123456789Z");

        assertThat(CONTRACT.validateData(data, "/test", 0, 0).occurredAt())
                .isEqualTo(Instant.parse("2026-11-28T09:00:00.123456Z"));
    }

    @Test
    void shouldKeepTheRecordsPositionAndHeaders() {
        ValidEvent event = CONTRACT.validate(GoldenEvents.record(GoldenEvents.example("user.login_failed")), 3, 42);

        assertThat(event.partition()).isEqualTo(3);
        assertThat(event.offset()).isEqualTo(42);
        assertThat(event.source()).isEqualTo("/pjctrl/project-service");
        assertThat(event.resourceId()).isNull();
    }

    private static ObjectNode taskUpdate() {
        return (ObjectNode) GoldenEvents.example("task.update").get("data").deepCopy();
    }

    /** The task.update example's record with {@code data} as value and its headers changed by {@code headers}. */
    private static EventRecord record(ObjectNode data, Consumer<Map<String, String>> headers) {
        EventRecord example = GoldenEvents.record(GoldenEvents.example("task.update"));
        Map<String, String> changed = new LinkedHashMap<>(example.headers());
        headers.accept(changed);
        try {
            return new EventRecord(example.key(), changed, MAPPER.writeValueAsBytes(data));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static EventRecord rawValue(byte[] value) {
        EventRecord example = GoldenEvents.record(GoldenEvents.example("task.update"));
        return new EventRecord(example.key(), example.headers(), value);
    }

    private static Arguments variant(String desc, Consumer<ObjectNode> change) {
        ObjectNode data = taskUpdate();
        change.accept(data);
        JsonNode node = "data not an object".equals(desc) ? NODES.textNode("x") : data;
        return Arguments.of(Named.of(desc, node));
    }
}
