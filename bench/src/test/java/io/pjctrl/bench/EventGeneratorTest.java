package io.pjctrl.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.pjctrl.contract.event.ChangeEvent;
import io.pjctrl.contract.event.GoldenEvents;

class EventGeneratorTest {

    @Test
    void shouldGenerateEventsThatFollowTheContract() throws Exception {
        JsonSchema schema = schema();
        ObjectMapper json = new ObjectMapper();
        EventGenerator generator = new EventGenerator(1, 50, Instant.parse("2026-01-01T00:00:00Z"), 1_000);
        Set<String> types = new HashSet<>();
        for (int i = 0; i < 6_000; i++) {
            ChangeEvent event = generator.next();
            Set<ValidationMessage> errors = schema.validate(json.readTree(json.writeValueAsString(event.data())));
            assertThat(errors).as("event %d %s", i, event.data()).isEmpty();
            types.add(event.eventType());
        }
        assertThat(types).contains("task.create", "task.update", "task.assign", "task.blocker", "task.delete",
                "task.restore", "project.create", "project.update", "user.create", "user.login", "user.logout",
                "user.login_failed", "user.permission_change", "attachment.upload");
    }

    @Test
    void shouldNumberEachResourceDenselyFromItsCreate() {
        EventGenerator generator = new EventGenerator(2, 50, Instant.parse("2026-01-01T00:00:00Z"), 1_000);
        Map<String, Long> versions = new HashMap<>();
        Instant previous = Instant.MIN;
        for (int i = 0; i < 20_000; i++) {
            ChangeEvent event = generator.next();
            assertThat(event.occurredAt()).isAfter(previous);
            previous = event.occurredAt();
            if (event.aggregateVersion() == 0) {
                assertThat(event.eventType()).isIn("user.login", "user.logout", "user.login_failed");
                continue;
            }
            long expected = versions.getOrDefault(event.key(), 0L) + 1;
            assertThat(event.aggregateVersion()).as("version of %s (%s)", event.key(), event.eventType()).isEqualTo(expected);
            versions.put(event.key(), expected);
        }
    }

    @Test
    void shouldBeDeterministicForOneSeed() {
        EventGenerator one = new EventGenerator(3, 20, Instant.parse("2026-01-01T00:00:00Z"), 1_000);
        EventGenerator two = new EventGenerator(3, 20, Instant.parse("2026-01-01T00:00:00Z"), 1_000);
        for (int i = 0; i < 1_000; i++) {
            assertThat(one.next().data()).isEqualTo(two.next().data());
        }
    }

    private static JsonSchema schema() throws Exception {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(GoldenEvents.schemaText(), config);
    }
}
