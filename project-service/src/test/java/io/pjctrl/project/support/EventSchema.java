package io.pjctrl.project.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** The event contract, docs/events/audit-event.schema.json, checked by a real JSON Schema validator. */
public final class EventSchema {

    public static final Path SCHEMA = Path.of("..", "docs", "events", "audit-event.schema.json");
    private static final JsonSchema VALIDATOR = load();

    private EventSchema() {
    }

    public static Set<ValidationMessage> validate(JsonNode data) {
        return VALIDATOR.validate(data);
    }

    public static void assertValid(JsonNode data) {
        assertThat(validate(data)).as("schema violations of %s", data).isEmpty();
    }

    private static JsonSchema load() {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .build();
        try (InputStream in = Files.newInputStream(SCHEMA)) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
