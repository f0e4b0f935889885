package io.pjctrl.project.outbox;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * One pending change event, written in the transaction of the change. Only the columns the domain writes are
 * mapped; {@code seq}, {@code created_at}, {@code sent_at} and {@code event_key} belong to the database and the
 * relay (see V2__outbox.sql).
 */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "aggregatetype", nullable = false, updatable = false)
    public String aggregateType;

    @Column(name = "aggregateid", nullable = false, updatable = false)
    public String aggregateId;

    @Column(nullable = false, updatable = false)
    public String type;

    // text in V2__outbox.sql: the CloudEvents data has no length limit (a String alone maps to varchar(255)).
    @Column(nullable = false, updatable = false, columnDefinition = "text")
    public String payload;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    public Instant occurredAt;

    /** W3C trace context of the request that made the change (V5); null when there was none. */
    @Column(updatable = false)
    public String traceparent;

    @Column(updatable = false)
    public String tracestate;

    protected OutboxEvent() {
    }

    public OutboxEvent(UUID id, String aggregateType, String aggregateId, String type, String payload,
            Instant occurredAt, String traceparent, String tracestate) {
        this.id = id;
        this.aggregateType = aggregateType;
        this.aggregateId = aggregateId;
        this.type = type;
        this.payload = payload;
        this.occurredAt = occurredAt;
        this.traceparent = traceparent;
        this.tracestate = tracestate;
    }
}
