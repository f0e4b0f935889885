package io.pjctrl.contract.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.fasterxml.jackson.databind.JsonNode;

/** The golden examples are valid records of the contract: schema, headers and key agree. */
class GoldenExamplesTest {

    @ParameterizedTest
    @FieldSource("io.pjctrl.contract.event.GoldenEvents#NAMES")
    void shouldBeAValidKafkaRecordOfTheContract(String name) {
        JsonNode record = GoldenEvents.example(name);
        JsonNode data = record.path("data");
        JsonNode headers = record.path("headers");

        assertThat(GoldenEvents.schema().validate(data)).isEmpty();
        assertThat(headers.path("ce_specversion").asText()).isEqualTo("1.0");
        assertThat(headers.path("ce_id").asText()).isEqualTo(data.path("event_id").asText());
        assertThat(headers.path("ce_type").asText()).isEqualTo(data.path("event_type").asText());
        assertThat(headers.path("ce_time").asText()).isEqualTo(data.path("occurred_at").asText());
        assertThat(headers.path("content-type").asText()).isEqualTo("application/json");
        String resourceId = data.path("resource_id").isNull() ? "" : data.path("resource_id").asText();
        String resourceType = data.path("resource_type").asText();
        assertThat(record.path("key").asText()).isEqualTo(resourceType + ":" + resourceId);
        assertThat(headers.path("ce_subject").asText())
                .isEqualTo(resourceId.isEmpty() ? resourceType : resourceType + "/" + resourceId);
        assertThat(data.path("event_type").asText()).isEqualTo(name);
    }
}
