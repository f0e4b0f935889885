package io.pjctrl.contract.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pjctrl.contract.chain.CanonicalJson;

/** The producers' writer makes exactly the golden records: same headers in the same order, same key, same data. */
class ChangeEventTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final EventContract CONTRACT = new EventContract(1 << 20);

    @ParameterizedTest
    @FieldSource("io.pjctrl.contract.event.GoldenEvents#NAMES")
    void shouldWriteTheGoldenRecord(String name) throws Exception {
        JsonNode example = GoldenEvents.example(name);

        EventRecord written = fromData(example.get("data"), example.at("/headers/ce_source").asText()).record();

        // Times are compared as instants: an example may write 09:20:11.5Z where Instant#toString writes .500Z.
        Map<String, String> headers = new LinkedHashMap<>();
        example.get("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
        assertThat(written.headers().keySet()).containsExactlyElementsOf(headers.keySet());
        assertThat(Instant.parse(written.header("ce_time"))).isEqualTo(Instant.parse(headers.remove("ce_time")));
        assertThat(written.headers()).containsAllEntriesOf(headers);
        assertThat(written.key()).isEqualTo(example.get("key").asText());
        ObjectNode data = (ObjectNode) MAPPER.readTree(written.value());
        ObjectNode expected = (ObjectNode) example.get("data").deepCopy();
        assertThat(Instant.parse(data.remove("occurred_at").asText()))
                .isEqualTo(Instant.parse(expected.remove("occurred_at").asText()));
        assertThat(data).isEqualTo(expected);
    }

    @ParameterizedTest
    @FieldSource("io.pjctrl.contract.event.GoldenEvents#NAMES")
    void shouldWriteWhatTheContractAccepts(String name) {
        JsonNode example = GoldenEvents.example(name);
        ChangeEvent event = fromData(example.get("data"), ChangeEvent.PROJECT_SERVICE);

        ValidEvent read = CONTRACT.validate(event.record(), 1, 2);

        assertThat(read.eventId()).isEqualTo(event.eventId());
        assertThat(read.resourceId()).isEqualTo(event.resourceId());
        assertThat(read.occurredAt()).isEqualTo(event.occurredAt());
        assertThat(read.changes().text()).isEqualTo(CanonicalJson.of(event.changes()).text());
    }

    @Test
    void shouldKeyAndSubjectAnEventWithoutResourceIdByItsTypeAlone() {
        assertThat(CloudEvents.key("user", null)).isEqualTo("user:");
        assertThat(CloudEvents.key("user", "")).isEqualTo("user:");
        assertThat(CloudEvents.subject("user", null)).isEqualTo("user");
        assertThat(CloudEvents.subject("user", "")).isEqualTo("user");
        assertThat(CloudEvents.subject("task", "t1")).isEqualTo("task/t1");
    }

    @Test
    void shouldWriteChangesAndMetadataInTheirOrderWithNulls() throws Exception {
        Map<String, Map<String, Object>> changes = new LinkedHashMap<>();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("old", null);
        status.put("new", "done");
        changes.put("status", status);

        assertThat(MAPPER.writeValueAsString(ChangeEvent.changes(changes)))
                .isEqualTo("{\"status\":{\"old\":null,\"new\":\"done\"}}");
        assertThat(MAPPER.writeValueAsString(ChangeEvent.requestMetadata("203.0.113.7", null, "r1", null)))
                .isEqualTo("{\"ip\":\"203.0.113.7\",\"user_agent\":null,\"request_id\":\"r1\",\"trace_id\":null}");
    }

    private static ChangeEvent fromData(JsonNode data, String source) {
        return new ChangeEvent(UUID.fromString(data.get("event_id").asText()), data.get("event_type").asText(), source,
                data.get("resource_type").asText(), data.get("resource_id").textValue(), uuid(data.get("project_id")),
                data.get("action").asText(), uuid(data.at("/actor/user_id")), data.at("/actor/role").textValue(),
                (ObjectNode) data.get("changes").deepCopy(), data.get("aggregate_version").longValue(),
                Instant.parse(data.get("occurred_at").asText()), (ObjectNode) data.get("request_metadata").deepCopy());
    }

    private static UUID uuid(JsonNode node) {
        return node.isNull() ? null : UUID.fromString(node.asText());
    }
}
