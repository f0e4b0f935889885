package io.pjctrl.project.change;

import java.util.Map;
import java.util.UUID;

/**
 * One change to record: what happened to which resource, the field diff, the resource's version after the change
 * (0 for events outside any version sequence), and who/where.
 */
public record ChangeEvent(String type, String resourceType, UUID resourceId, UUID projectId, String action,
        Map<String, Map<String, Object>> changes, long aggregateVersion, ChangeContext context) {
}
