package io.pjctrl.contract.chain;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads an entry from a JSON object whose property names are the column names (the golden vectors, an NDJSON
 * export): what a third party does before recomputing a checksum. Every hashed field must be present; extra
 * properties (checksum, prev_checksum, created_at, entry_format) are ignored; {@code source_partition} and
 * {@code source_offset} make it an entry of format 2.
 */
public final class AuditEntryJson {

    private AuditEntryJson() {
    }

    public static AuditEntry fromJson(JsonNode json) {
        return new AuditEntry(
                uuid(json, "id"),
                uuid(json, "event_id"),
                text(json, "event_type"),
                text(json, "source"),
                text(json, "resource_type"),
                text(json, "resource_id"),
                uuid(json, "project_id"),
                uuid(json, "user_id"),
                text(json, "actor_role"),
                text(json, "action"),
                CanonicalJson.of(required(json, "changes")),
                CanonicalJson.of(required(json, "request_metadata")),
                text(json, "sensitivity_level"),
                required(json, "aggregate_version").longValue(),
                Timestamps.parseUtc(text(json, "occurred_at")),
                Timestamps.parseUtc(text(json, "recorded_at")),
                text(json, "chain_id"),
                required(json, "seq").longValue(),
                entrySource(json));
    }

    /**
     * The entry source of format 2: {@code source_partition} and {@code source_offset}, both present or both absent
     * (or null); an {@code entry_format} property, when present, must agree.
     */
    private static EntrySource entrySource(JsonNode json) {
        JsonNode partition = json.get("source_partition");
        JsonNode offset = json.get("source_offset");
        boolean hasPartition = partition != null && !partition.isNull();
        boolean hasOffset = offset != null && !offset.isNull();
        if (hasPartition != hasOffset) {
            throw new IllegalArgumentException("source_partition and source_offset must both be present or absent");
        }
        EntrySource source = hasPartition ? new EntrySource(partition.intValue(), offset.longValue()) : null;
        JsonNode format = json.get("entry_format");
        if (format != null && !format.isNull() && format.intValue() != (source == null ? 1 : 2)) {
            throw new IllegalArgumentException("entry_format " + format + " does not match the source fields");
        }
        return source;
    }

    private static JsonNode required(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null) {
            throw new IllegalArgumentException("missing field " + field);
        }
        return value;
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = required(json, field);
        return value.isNull() ? null : value.textValue();
    }

    private static UUID uuid(JsonNode json, String field) {
        String value = text(json, field);
        return value == null ? null : UUID.fromString(value);
    }
}
