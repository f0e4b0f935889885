package io.pjctrl.contract.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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
import com.networknt.schema.JsonSchema;

/** Alerts as CloudEvents: the golden examples are valid, and {@link AlertEvent#record()} writes exactly them. */
class AlertEventTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchema SCHEMA = GoldenEvents.alertSchema();

    @ParameterizedTest
    @FieldSource("io.pjctrl.contract.event.GoldenEvents#ALERT_NAMES")
    void shouldBeValidAgainstTheAlertSchema(String name) {
        JsonNode example = GoldenEvents.example(name);

        assertThat(SCHEMA.validate(example.get("data"))).isEmpty();
        assertThat(example.at("/headers/ce_dataschema").asText())
                .isEqualTo(MAPPER.valueToTree(SCHEMA.getSchemaNode()).path("$id").asText());
    }

    @ParameterizedTest
    @FieldSource("io.pjctrl.contract.event.GoldenEvents#ALERT_NAMES")
    void shouldWriteTheGoldenRecordOfAnAlert(String name) throws Exception {
        JsonNode example = GoldenEvents.example(name);
        JsonNode data = example.get("data");
        AlertEvent alert = new AlertEvent(UUID.fromString(data.get("id").asText()),
                data.get("audit_log_id").isNull() ? null : UUID.fromString(data.get("audit_log_id").asText()),
                data.get("rule").asText(), data.get("severity").asText(), data.get("message").asText(),
                Instant.parse(data.get("created_at").asText()));

        EventRecord record = alert.record();

        Map<String, String> headers = new LinkedHashMap<>();
        example.get("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
        assertThat(record.headers()).containsExactlyEntriesOf(headers);
        assertThat(record.key()).isEqualTo(example.get("key").asText());
        assertThat(MAPPER.readTree(new String(record.value(), StandardCharsets.UTF_8))).isEqualTo(data);
    }

    @Test
    void shouldRejectAnAlertOutsideTheSchema() {
        ObjectNode data = (ObjectNode) GoldenEvents.example("alert.raised").get("data").deepCopy();
        data.put("severity", "urgent");
        data.put("extra", 1);
        data.remove("rule");

        assertThat(SCHEMA.validate(data)).hasSize(3);
    }
}
