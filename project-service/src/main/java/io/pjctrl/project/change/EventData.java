package io.pjctrl.project.change;

import java.util.Map;

/** The CloudEvents data of a change event: docs/events/audit-event.schema.json, property for property. */
public record EventData(String eventId, String eventType, String resourceType, String resourceId, String projectId,
        String action, EventActor actor, Map<String, Map<String, Object>> changes, long aggregateVersion,
        String occurredAt, EventRequestMetadata requestMetadata) {

    public record EventActor(String userId, String role) {
    }

    public record EventRequestMetadata(String ip, String userAgent, String requestId, String traceId) {
    }
}
