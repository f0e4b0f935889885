package io.pjctrl.contract.chain;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads an entry from a JSON object whose property names are the column names (the golden vectors, an NDJSON
 * export): what a third party does before recomputing a checksum. Every hashed field must be present; extra
 * properties (checksum, prev_checksum, created_at, tlog_proof) are ignored. {@code source_partition} and
 * {@code source_offset} are both absent or null (entry format 1) or both numbers (format 2).
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
                sourceRecord(json));
    }

    private static EntrySource sourceRecord(JsonNode json) {
        JsonNode partition = json.get("source_partition");
        JsonNode offset = json.get("source_offset");
        boolean hasPartition = partition != null && !partition.isNull();
        boolean hasOffset = offset != null && !offset.isNull();
        if (hasPartition != hasOffset) {
            throw new IllegalArgumentException("source_partition and source_offset must both be set or both null");
        }
        if (!hasPartition) {
            return null;
        }
        if (!partition.canConvertToInt() || !partition.isIntegralNumber() || !offset.isIntegralNumber()
                || !offset.canConvertToLong()) {
            throw new IllegalArgumentException("source_partition and source_offset must be integers");
        }
        return new EntrySource(partition.intValue(), offset.longValue());
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
