package io.pjctrl.project.outbox;

import java.time.Instant;
import java.util.UUID;

/** An outbox row as the relay reads it. */
public record PendingEvent(UUID id, long seq, String aggregateType, String aggregateId, String type, String payload,
        Instant occurredAt) {

    /** Kafka record key: one resource's events land on one partition, in order. */
    public String key() {
        return aggregateType + ":" + aggregateId;
    }

    /** CloudEvents subject: {@code task/<id>}, or just the type when there is no id (failed login). */
    public String subject() {
        return aggregateId.isEmpty() ? aggregateType : aggregateType + "/" + aggregateId;
    }
}
