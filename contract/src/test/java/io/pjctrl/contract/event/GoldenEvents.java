package io.pjctrl.contract.event;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;

/**
 * The event contract's golden data, read from the classpath (this module's test jar): the JSON Schema
 * {@code /events/audit-event.schema.json} and the golden examples {@code /events/examples/<name>.json}, each a whole
 * Kafka record ({@code headers}, {@code key}, {@code data}). docs/events/README.md links to the same files.
 */
public final class GoldenEvents {

    /** Every golden example, by name (= its event type). */
    public static final List<String> NAMES = List.of("project.create", "task.assign", "task.blocker", "task.update",
            "user.login_failed", "user.permission_change");

    /** Every golden example of an alert ({@code /events/examples/<name>.json}, schema audit-alert.schema.json). */
    public static final List<String> ALERT_NAMES = List.of("alert.raised", "alert.raised-without-entry");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private GoldenEvents() {
    }

    /** The golden example {@code name} as it is in the file: headers, key and data. */
    public static JsonNode example(String name) {
        return read("/events/examples/" + name + ".json");
    }

    /** The schema of the data, as text (for validators configured by the caller). */
    public static String schemaText() {
        try (InputStream in = resource("/events/audit-event.schema.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema of the data, loaded by a real JSON Schema (2020-12) validator that also asserts formats. */
    public static JsonSchema schema() {
        return load(schemaText());
    }

    /** The schema of an alert's data (audit-alert.schema.json), loaded like {@link #schema()}. */
    public static JsonSchema alertSchema() {
        try (InputStream in = resource("/events/audit-alert.schema.json")) {
            return load(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonSchema load(String text) {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(text, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
    }

    /** The example as the record a producer would send: its headers and key, its data as compact JSON. */
    public static EventRecord record(JsonNode example) {
        Map<String, String> headers = new LinkedHashMap<>();
        example.get("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
        try {
            return new EventRecord(example.get("key").asText(), headers, MAPPER.writeValueAsBytes(example.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String path) {
        try (InputStream in = resource(path)) {
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String path) {
        InputStream in = GoldenEvents.class.getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("missing contract resource " + path + " (pjctrl-contract's test jar)");
        }
        return in;
    }
}
