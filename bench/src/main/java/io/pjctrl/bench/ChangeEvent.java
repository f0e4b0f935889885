package io.pjctrl.bench;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One change event as project-service (or another producer) emits it: the {@code data} of the CloudEvent plus what
 * the Kafka record needs (key, ce_* headers). See docs/events/README.md.
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

    public static final String PROJECT_SERVICE = "/pjctrl/project-service";

    /** Record key: {@code <resource_type>:<resource_id>}, {@code user:} when there is no resource id. */
    public String key() {
        return resourceType + ":" + (resourceId == null ? "" : resourceId);
    }

    /** ce_subject: {@code <resource_type>/<resource_id>}, or the resource type alone. */
    public String subject() {
        return resourceId == null ? resourceType : resourceType + "/" + resourceId;
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
        data.put("occurred_at", Timestamps.format(occurredAt));
        data.set("request_metadata", requestMetadata);
        return data;
    }
}
