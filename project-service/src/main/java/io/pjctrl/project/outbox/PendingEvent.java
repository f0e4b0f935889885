package io.pjctrl.project.outbox;

import java.time.Instant;
import java.util.UUID;

import io.pjctrl.contract.event.CloudEvents;

/** An outbox row as the relay reads it; traceparent and tracestate are null when the change had no trace. */
public record PendingEvent(UUID id, long seq, String aggregateType, String aggregateId, String type, String payload,
        Instant occurredAt, String traceparent, String tracestate) {

    /** Kafka record key: one resource's events land on one partition, in order. */
    public String key() {
        return CloudEvents.key(aggregateType, aggregateId);
    }

}
