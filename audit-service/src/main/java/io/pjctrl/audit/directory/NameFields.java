package io.pjctrl.audit.directory;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pjctrl.contract.event.ValidEvent;

/**
 * Which field of an event's {@code changes} names its resource, and the name an event teaches. Plain Java, and the
 * same rules as V48's backfill: user {@code display_name} (and {@code email}), project {@code name}, task
 * {@code title}, blocker {@code description}; a field's {@code new} value when it is a string, else its {@code old}
 * value when there is no {@code new} (a delete). Only versioned events (aggregate_version > 0) teach names: a failed
 * login's {@code email} is what someone typed.
 */
public final class NameFields {

    /** Longest name and e-mail kept (V48's checks); a longer blocker description is cut. */
    static final int MAX_NAME = 500;
    static final int MAX_EMAIL = 320;

    /** Resource type -> the field of its changes that is its name. */
    public static final Map<String, String> NAME_FIELD = Map.of("user", "display_name", "project", "name", "task", "title",
            "blocker", "description");
    public static final String EMAIL_FIELD = "email";
    public static final String USER = "user";

    private static final ObjectMapper JSON = new ObjectMapper();

    private NameFields() {
    }

    /** What one event says about its resource's name and e-mail; either may be null. */
    public record Learned(String resourceType, String resourceId, String name, String email, long version,
            Instant occurredAt) {
    }

    /** The names this event carries, or null when it carries none (most events: no JSON is parsed for them). */
    public static Learned of(ValidEvent event) {
        String nameField = NAME_FIELD.get(event.resourceType());
        if (nameField == null || event.resourceId() == null || event.aggregateVersion() <= 0) {
            return null;
        }
        String text = event.changes().text();
        boolean user = USER.equals(event.resourceType());
        // A cheap look at the canonical text first: a status change or an assignment parses nothing.
        if (!text.contains('"' + nameField + '"') && !(user && text.contains("\"" + EMAIL_FIELD + '"'))) {
            return null;
        }
        JsonNode changes = parse(text);
        String name = value(changes.get(nameField), MAX_NAME);
        String email = user ? value(changes.get(EMAIL_FIELD), MAX_EMAIL) : null;
        if (name == null && email == null) {
            return null;
        }
        return new Learned(event.resourceType(), event.resourceId(), name, email, event.aggregateVersion(),
                event.occurredAt());
    }

    private static String value(JsonNode change, int max) {
        if (change == null || !change.isObject()) {
            return null;
        }
        JsonNode value = change.has("new") ? change.get("new") : change.get("old");
        if (value == null || !value.isTextual()) {
            return null;
        }
        String text = value.textValue();
        // Cut at a code point, as PostgreSQL's left() does (lengths in characters, not UTF-16 units).
        return text.codePointCount(0, text.length()) <= max ? text : text.substring(0, text.offsetByCodePoints(0, max));
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("changes passed the contract but do not parse", e);
        }
    }
}
