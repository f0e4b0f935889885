package io.pjctrl.project.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pjctrl.project.support.EventSchema;

/** The golden examples of docs/events/examples are valid records of the contract: schema, headers and key agree. */
class GoldenExamplesTest {

    private static final Path EXAMPLES = Path.of("..", "docs", "events", "examples");

    static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void shouldBeAValidKafkaRecordOfTheContract(Path example) throws IOException {
        JsonNode record = new ObjectMapper().readTree(example.toFile());
        JsonNode data = record.path("data");
        JsonNode headers = record.path("headers");

        EventSchema.assertValid(data);
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
        assertThat(example.getFileName().toString()).isEqualTo(data.path("event_type").asText() + ".json");
    }
}
