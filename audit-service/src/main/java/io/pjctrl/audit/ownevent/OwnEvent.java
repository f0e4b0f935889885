package io.pjctrl.audit.ownevent;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An audit event the service publishes about itself (an export, a legal hold, an erasure), as the ingest will chain
 * it: {@code resourceType/resourceId} is its CloudEvent subject and Kafka key, {@code changes} its field diff.
 */
public record OwnEvent(
        String id,
        String type,
        String resourceType,
        String resourceId,
        String projectId,
        String action,
        Requester by,
        ObjectNode changes,
        int version,
        Instant occurredAt) {
}
