package io.pjctrl.contract.event;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One change event as a producer emits it: the {@code data} of the CloudEvent (audit-event.schema.json, property
 * for property) plus its source, and the Kafka record that carries it ({@link #record()}). project-service's
 * outbox and bench's generator both write their events through this record. See docs/events/README.md.
 *
 * <p>
 * Nullable: resourceId, projectId, userId, role. {@code changes} is {@code {field: {old, new}}} and
 * {@code requestMetadata} holds ip, user_agent, request_id and trace_id ({@link #requestMetadata}).
 */
public record ChangeEvent(
        UUID eventId,
        String eventType,
        String source,
        String resourceType,
        String resourceId,
        UUID projectId,
        String action,
        UUID userId,
        String role,
        ObjectNode changes,
        long aggregateVersion,
        Instant occurredAt,
        ObjectNode requestMetadata) {

    /** ce_source of project-service's events. */
    public static final String PROJECT_SERVICE = "/pjctrl/project-service";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Record key: {@code <resource_type>:<resource_id>}, {@code user:} when there is no resource id. */
    public String key() {
        return CloudEvents.key(resourceType, resourceId);
    }

    /** ce_subject: {@code <resource_type>/<resource_id>}, or the resource type alone. */
    public String subject() {
        return CloudEvents.subject(resourceType, resourceId);
    }

    /** The CloudEvent data, every property present (null where there is no value), as the schema requires. */
    public ObjectNode data() {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode data = json.objectNode();
        data.put("event_id", eventId.toString());
        data.put("event_type", eventType);
        data.put("resource_type", resourceType);
        data.put("resource_id", resourceId);
        data.put("project_id", projectId == null ? null : projectId.toString());
        data.put("action", action);
        ObjectNode actor = data.putObject("actor");
        actor.put("user_id", userId == null ? null : userId.toString());
        actor.put("role", role);
        data.set("changes", changes);
        data.put("aggregate_version", aggregateVersion);
        data.put("occurred_at", occurredAt.toString());
        data.set("request_metadata", requestMetadata);
        return data;
    }

    /** {@link #data()} as compact UTF-8 JSON: the record's value. */
    public byte[] dataBytes() {
        try {
            return JSON.writeValueAsBytes(data());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of JSON nodes always serializes", e);
        }
    }

    /** The binary-mode Kafka record of this event. */
    public EventRecord record() {
        return EventRecord.binary(eventId, source, eventType, resourceType, resourceId, occurredAt, dataBytes());
    }

    /** {@code changes} from JSON-ready values (strings, numbers, booleans, null), keeping the map's order. */
    public static ObjectNode changes(Map<String, ? extends Map<String, ?>> changes) {
        return JSON.valueToTree(changes);
    }

    /** {@code request_metadata}; every field may be null. */
    public static ObjectNode requestMetadata(String ip, String userAgent, String requestId, String traceId) {
        ObjectNode metadata = JsonNodeFactory.instance.objectNode();
        metadata.put("ip", ip);
        metadata.put("user_agent", userAgent);
        metadata.put("request_id", requestId);
        metadata.put("trace_id", traceId);
        return metadata;
    }
}
