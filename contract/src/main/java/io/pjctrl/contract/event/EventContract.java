package io.pjctrl.contract.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.pjctrl.contract.chain.CanonicalJson;
import io.pjctrl.contract.chain.Jcs;
import io.pjctrl.contract.chain.NotCanonicalizableException;
import io.pjctrl.contract.chain.Timestamps;
import io.pjctrl.contract.privacy.Openings;

/**
 * Hand-written check of the event contract (docs/events: ce_* headers + audit-event.schema.json), faster than a
 * generic schema validator on the hot path; {@code EventContractTest} proves it agrees with the schema. Also refuses what the schema allows
 * but the store cannot keep or re-hash (U+0000, lone surrogates, numbers beyond double range), and the
 * property names only the ingest may write ({@code $commit}, {@code $value}, {@code $salt}, {@code $erased}).
 */
public final class EventContract {

    private static final Set<String> TOP_LEVEL = Set.of("event_id", "event_type", "resource_type", "resource_id",
            "project_id", "action", "actor", "changes", "aggregate_version", "occurred_at", "request_metadata");
    private static final Set<String> ACTIONS = Set.of("create", "update", "delete", "restore", "login", "logout");
    private static final Set<String> ROLES = Set.of("admin", "manager", "member", "auditor");
    private static final Set<String> ACTOR = Set.of("user_id", "role");
    private static final Set<String> METADATA = Set.of("ip", "user_agent", "request_id", "trace_id");
    private static final Pattern EVENT_ID = Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
    private static final Pattern UUID_ANY_CASE = Pattern
            .compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final Pattern EVENT_TYPE = Pattern.compile("^[a-z][a-z_]*\\.[a-z][a-z_]*$");
    private static final Pattern RESOURCE_TYPE = Pattern.compile("^[a-z][a-z_]*$");
    private static final Pattern CHANGE_NAME = Pattern.compile("^[a-z][a-z0-9_]*$");
    private static final Pattern OCCURRED_AT = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z$");

    private final int maxPayloadBytes;

    public EventContract(int maxPayloadBytes) {
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /**
     * The validated event read at {@code partition}/{@code offset} of the topic, or a {@link ContractViolation}
     * saying why not.
     */
    public ValidEvent validate(EventRecord record, int partition, long offset) {
        String specVersion = record.header(CloudEvents.SPECVERSION_HEADER);
        if (!CloudEvents.SPEC_VERSION.equals(specVersion)) {
            throw violation("bad_header", "ce_specversion must be 1.0, was " + specVersion);
        }
        String ceId = requiredHeader(record, CloudEvents.ID_HEADER);
        String source = requiredHeader(record, CloudEvents.SOURCE_HEADER);
        String ceType = requiredHeader(record, CloudEvents.TYPE_HEADER);
        if (source.length() > 255) {
            throw violation("bad_header", "ce_source longer than 255 characters");
        }
        byte[] value = record.value();
        if (value == null || value.length == 0) {
            throw violation("empty_value", "record has no data");
        }
        if (value.length > maxPayloadBytes) {
            throw violation("payload_too_large", value.length + " bytes, limit " + maxPayloadBytes);
        }
        JsonNode data;
        try {
            data = Jcs.parse(new String(value, StandardCharsets.UTF_8));
        } catch (NotCanonicalizableException e) {
            throw violation("not_json", e.getMessage());
        }
        ValidEvent event = validateData(data, source, partition, offset);
        if (!ceId.equals(event.eventId().toString())) {
            throw violation("bad_header", "ce_id " + ceId + " differs from data.event_id");
        }
        if (!ceType.equals(event.eventType())) {
            throw violation("bad_header", "ce_type " + ceType + " differs from data.event_type");
        }
        return event;
    }

    /** Checks the JSON data against audit-event.schema.json and converts it. */
    public ValidEvent validateData(JsonNode data, String source, int partition, long offset) {
        requireObject(data, "data");
        onlyKnownAndAll(data, TOP_LEVEL, "data");
        String eventId = string(data, "event_id", 36, false);
        require(EVENT_ID.matcher(eventId).matches(), "event_id is not a lowercase UUID");
        String eventType = string(data, "event_type", 50, false);
        require(EVENT_TYPE.matcher(eventType).matches(), "event_type does not match type.action");
        String resourceType = string(data, "resource_type", 50, false);
        require(RESOURCE_TYPE.matcher(resourceType).matches(), "resource_type is not lowercase letters");
        String resourceId = string(data, "resource_id", 64, true);
        UUID projectId = uuid(data, "project_id");
        String action = string(data, "action", 16, false);
        require(ACTIONS.contains(action), "action is not one of ", ACTIONS, "");

        JsonNode actor = data.get("actor");
        requireObject(actor, "actor");
        onlyKnownAndAll(actor, ACTOR, "actor");
        UUID userId = uuid(actor, "user_id");
        String role = string(actor, "role", 16, true);
        require(role == null || ROLES.contains(role), "actor.role is not one of ", ROLES, "");

        JsonNode changes = data.get("changes");
        validateChanges(changes);
        JsonNode version = data.get("aggregate_version");
        require(version.isIntegralNumber() || (version.isNumber() && version.decimalValue().stripTrailingZeros().scale() <= 0),
                "aggregate_version is not an integer");
        require(version.canConvertToLong() && version.longValue() >= 0, "aggregate_version must be >= 0");
        String occurredAtText = string(data, "occurred_at", 40, false);
        require(OCCURRED_AT.matcher(occurredAtText).matches(), "occurred_at is not RFC 3339 UTC");
        Instant occurredAt = parseTime(occurredAtText);

        JsonNode metadata = data.get("request_metadata");
        requireObject(metadata, "request_metadata");
        onlyKnownAndAll(metadata, METADATA, "request_metadata");
        String ip = string(metadata, "ip", 45, true);
        String reserved = Openings.reservedKey(data);
        if (reserved != null) {
            // Only the ingest writes these objects (commitments, openings): one arriving could pass for either.
            throw violation("reserved_key", "data contains the reserved property " + reserved);
        }
        string(metadata, "user_agent", 512, true);
        string(metadata, "request_id", 128, true);
        string(metadata, "trace_id", 64, true);

        try {
            return new ValidEvent(UUID.fromString(eventId), eventType, storable(source), resourceType, storable(resourceId),
                    projectId, userId, role, action, CanonicalJson.of(changes), CanonicalJson.of(metadata), ip,
                    version.longValue(), occurredAt, partition, offset);
        } catch (NotCanonicalizableException e) {
            throw violation("not_canonicalizable", e.getMessage());
        }
    }

    private static void validateChanges(JsonNode changes) {
        requireObject(changes, "changes");
        require(changes.size() <= 64, "changes has more than 64 fields");
        Iterator<Map.Entry<String, JsonNode>> fields = changes.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            require(name.length() <= 64 && CHANGE_NAME.matcher(name).matches(), "changes field name is invalid: ", name, "");
            JsonNode diff = field.getValue();
            require(diff.isObject(), "changes.", name, " must be an object");
            require(diff.size() >= 1, "changes.", name, " is empty");
            Iterator<String> keys = diff.fieldNames();
            while (keys.hasNext()) {
                String key = keys.next();
                if (!"old".equals(key) && !"new".equals(key)) {
                    throw violation("invalid_data", "changes." + name + " has property " + key);
                }
            }
        }
    }

    private static Instant parseTime(String text) {
        try {
            return Timestamps.parseUtc(text);
        } catch (NotCanonicalizableException e) {
            throw violation("invalid_data", "occurred_at is not a valid date-time: " + text);
        }
    }

    private static String string(JsonNode parent, String field, int maxCodePoints, boolean nullable) {
        JsonNode node = parent.get(field);
        if (node.isNull() && nullable) {
            return null;
        }
        require(node.isTextual(), field, nullable ? " must be a string or null" : " must be a string");
        String text = node.textValue();
        // Fewer chars than the limit is fewer code points: the common case skips the count.
        if (text.length() > maxCodePoints && text.codePointCount(0, text.length()) > maxCodePoints) {
            throw violation("invalid_data", field + " longer than " + maxCodePoints);
        }
        return text;
    }

    private static UUID uuid(JsonNode parent, String field) {
        String text = string(parent, field, 36, true);
        if (text == null) {
            return null;
        }
        require(UUID_ANY_CASE.matcher(text).matches(), field, " is not a UUID");
        return UUID.fromString(text);
    }

    private static void onlyKnownAndAll(JsonNode object, Set<String> allowed, String where) {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            require(allowed.contains(name), where, " has unknown property ", name);
        }
        for (String name : allowed) {
            require(object.has(name), where, " lacks required property ", name);
        }
    }

    private static void requireObject(JsonNode node, String where) {
        require(node != null && node.isObject(), where, " must be an object");
    }

    private static void require(boolean condition, String detail) {
        if (!condition) {
            throw violation("invalid_data", detail);
        }
    }

    /** The detail is put together only for a record that fails: a valid one builds no strings. */
    private static void require(boolean condition, String first, String second) {
        if (!condition) {
            throw violation("invalid_data", first + second);
        }
    }

    private static void require(boolean condition, String first, Object second, String third) {
        if (!condition) {
            throw violation("invalid_data", first + second + third);
        }
    }

    /** A string column value PostgreSQL can store and the chain can re-hash (no NUL, no lone surrogate). */
    private static String storable(String value) {
        if (value != null) {
            Jcs.writeString(value, new StringBuilder(value.length() + 2));
        }
        return value;
    }

    private static String requiredHeader(EventRecord record, String name) {
        String value = record.header(name);
        if (value == null || value.isBlank()) {
            throw violation("bad_header", "header " + name + " is missing");
        }
        return value;
    }

    private static ContractViolation violation(String reason, String detail) {
        return new ContractViolation(reason, detail);
    }
}
