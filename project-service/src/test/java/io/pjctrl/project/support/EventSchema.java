package io.pjctrl.project.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;

import io.pjctrl.contract.event.GoldenEvents;

/** The event contract's audit-event.schema.json, checked by a real JSON Schema validator. */
public final class EventSchema {

    private static final JsonSchema VALIDATOR = GoldenEvents.schema();

    private EventSchema() {
    }

    public static Set<ValidationMessage> validate(JsonNode data) {
        return VALIDATOR.validate(data);
    }

    public static void assertValid(JsonNode data) {
        assertThat(validate(data)).as("schema violations of %s", data).isEmpty();
    }
}
