package io.pjctrl.project.change;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Field-level diffs {@code {field: {old, new}}} between two snapshots of an entity. Snapshots hold only audited
 * fields (never a password hash) and JSON-ready values; {@link #value(Object)} makes them so.
 */
public final class Changes {

    private Changes() {
    }

    /** The time of a change, in microseconds like the timestamp columns and the events. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** Create: only {@code new}, for each field that has a value. */
    public static Map<String, Map<String, Object>> created(Map<String, Object> snapshot) {
        return oneSide("new", snapshot);
    }

    /** Delete: only {@code old}, for each field that had a value. */
    public static Map<String, Map<String, Object>> deleted(Map<String, Object> snapshot) {
        return oneSide("old", snapshot);
    }

    private static Map<String, Map<String, Object>> oneSide(String side, Map<String, Object> snapshot) {
        Map<String, Map<String, Object>> changes = new LinkedHashMap<>();
        snapshot.forEach((field, value) -> {
            if (value != null) {
                changes.put(field, side(side, value));
            }
        });
        return changes;
    }

    /** Update: {@code old} and {@code new} for each field whose value differs; empty when nothing changed. */
    public static Map<String, Map<String, Object>> diff(Map<String, Object> before, Map<String, Object> after) {
        Map<String, Map<String, Object>> changes = new LinkedHashMap<>();
        after.forEach((field, value) -> {
            Object old = before.get(field);
            if (!Objects.equals(old, value)) {
                Map<String, Object> change = new LinkedHashMap<>();
                change.put("old", old);
                change.put("new", value);
                changes.put(field, change);
            }
        });
        return changes;
    }

    /** One field's change given by hand (login failure reason, restore). */
    public static Map<String, Map<String, Object>> of(String field, Object old, Object value) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("old", value(old));
        change.put("new", value(value));
        return Map.of(field, change);
    }

    public static Map<String, Map<String, Object>> none() {
        return Collections.emptyMap();
    }

    /** The JSON form of a snapshot value: enums by wire name, ids and dates as ISO strings. */
    public static Object value(Object value) {
        if (value instanceof Enum<?> constant) {
            return constant.name().toLowerCase(Locale.ROOT);
        }
        if (value instanceof UUID || value instanceof LocalDate) {
            return value.toString();
        }
        if (value instanceof Instant instant) {
            return instant.truncatedTo(ChronoUnit.MICROS).toString();
        }
        return value;
    }

    /** A snapshot builder that applies {@link #value(Object)} and keeps the field order. */
    public static Map<String, Object> snapshot(Object... fieldsAndValues) {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            snapshot.put((String) fieldsAndValues[i], value(fieldsAndValues[i + 1]));
        }
        return snapshot;
    }

    private static Map<String, Object> side(String side, Object value) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put(side, value);
        return change;
    }
}
