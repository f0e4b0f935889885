package io.pjctrl.project.outbox;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.pjctrl.contract.event.CloudEvents;
import io.pjctrl.contract.privacy.Redaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Context;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes pending outbox rows, one batch per database transaction. Plain SQL on the reactive client (not
 * Hibernate) because the protocol needs an advisory lock, {@code FOR UPDATE SKIP LOCKED} and a bulk update.
 *
 * <p>
 * Ordering: a transaction-scoped advisory lock makes one relay (of any number of replicas) active at a time, so
 * one aggregate's rows are never split between two relays that could overtake each other. {@code SKIP LOCKED} is
 * the belt and braces: should two relays ever hold the lock (they cannot), they still could not take the same
 * row. A row is marked sent only after Kafka acknowledged it; rows Kafka did not acknowledge stay pending (with
 * any later rows of the same aggregate) and the next cycle sends them again (at-least-once; consumers dedupe on
 * the event id). See docs/outbox.md.
 */
public final class RelayWorker {

    /** Advisory lock key shared by every relay on this database ("pjctrlob"). */
    static final long RELAY_LOCK = 0x706a6374726c6f62L;
    /** {@link #publishBatch()} result when another relay holds the lock. */
    public static final int NOT_ACTIVE = -1;

    private static final String TRY_LOCK = "SELECT pg_try_advisory_xact_lock(" + RELAY_LOCK + ")";
    private static final String SELECT_PENDING = "SELECT id, seq, aggregatetype, aggregateid, type, payload, occurred_at,"
            + " traceparent, tracestate"
            + " FROM outbox_event WHERE sent_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED";
    /**
     * Marks rows sent and keeps their payload without its personal values (docs/personal-data.md): once Kafka has the
     * event, nothing needs them here, and an erasure at audit-service cannot reach this table.
     */
    private static final String MARK_SENT = """
            UPDATE outbox_event o SET sent_at = now(), payload = r.payload
            FROM unnest($1::uuid[], $2::text[]) AS r(id, payload)
            WHERE o.id = r.id
            """;
    private static final String COUNT_PENDING = "SELECT count(*) FROM outbox_event WHERE sent_at IS NULL";
    private static final String PURGE = "DELETE FROM outbox_event WHERE sent_at IS NOT NULL AND sent_at < $1";

    private final Vertx vertx;
    private final Pool pool;
    private final EventPublisher publisher;
    private final OutboxMetrics metrics;
    private final Tracer tracer;
    private final int batchSize;

    public RelayWorker(Vertx vertx, Pool pool, EventPublisher publisher, OutboxMetrics metrics, Tracer tracer,
            int batchSize) {
        this.vertx = vertx;
        this.pool = pool;
        this.publisher = publisher;
        this.metrics = metrics;
        this.tracer = tracer;
        this.batchSize = batchSize;
    }

    /** Publishes batches until the outbox is empty or another relay is active; returns the rows sent. */
    public Uni<Integer> drain() {
        return drain(0);
    }

    private Uni<Integer> drain(int sentSoFar) {
        return publishBatch()
                .chain(sent -> sent == batchSize
                        ? drain(sentSoFar + sent)
                        : Uni.createFrom().item(sentSoFar + Math.max(sent, 0)));
    }

    /** One transaction: take the relay lock, lock a batch of pending rows, send them, mark them sent. */
    public Uni<Integer> publishBatch() {
        return pool.withTransaction(connection -> connection.query(TRY_LOCK)
                .execute()
                .map(rows -> rows.iterator().next().getBoolean(0))
                .chain(active -> active ? publishLocked(connection) : Uni.createFrom().item(NOT_ACTIVE)));
    }

    private Uni<Integer> publishLocked(SqlConnection connection) {
        Context context = vertx.getOrCreateContext();
        return connection.preparedQuery(SELECT_PENDING)
                .execute(Tuple.of(batchSize))
                .map(RelayWorker::pending)
                .chain(events -> events.isEmpty()
                        ? Uni.createFrom().item(0)
                        : traced(events, send(events, context)
                                .chain(acked -> markSent(connection, acked, events.size()))));
    }

    /**
     * One PRODUCER span per published batch, linked to the trace of each row's request: a batch mixes the changes
     * of many requests, so it is the child of none of them (the records themselves carry each request's own
     * traceparent, which the ingest continues).
     */
    private Uni<Integer> traced(List<PendingEvent> events, Uni<Integer> publish) {
        var builder = tracer.spanBuilder("outbox publish")
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "send")
                .setAttribute("messaging.batch.message_count", (long) events.size());
        for (PendingEvent event : events) {
            var origin = Span.fromContext(W3CTraceContextPropagator.getInstance()
                    .extract(io.opentelemetry.context.Context.root(), event, TRACE_CONTEXT)).getSpanContext();
            if (origin.isValid()) {
                builder.addLink(origin);
            }
        }
        Span span = builder.startSpan();
        return publish
                .onItem().invoke((Integer sent) -> span.setAttribute("pjctrl.outbox.sent", (long) sent))
                .onFailure().invoke(e -> span.recordException(e).setStatus(StatusCode.ERROR))
                .onTermination().invoke(span::end);
    }

    private static final TextMapGetter<PendingEvent> TRACE_CONTEXT = new TextMapGetter<>() {

        @Override
        public Iterable<String> keys(PendingEvent event) {
            return List.of(CloudEvents.TRACEPARENT_HEADER, CloudEvents.TRACESTATE_HEADER);
        }

        @Override
        public String get(PendingEvent event, String key) {
            if (event == null) {
                return null;
            }
            return CloudEvents.TRACEPARENT_HEADER.equals(key)
                    ? event.traceparent()
                    : CloudEvents.TRACESTATE_HEADER.equals(key) ? event.tracestate() : null;
        }
    };

    /** Sends the batch and returns the events that may be marked sent (see {@link #acknowledgedInOrder}). */
    private Uni<List<PendingEvent>> send(List<PendingEvent> events, Context context) {
        return vertx.executeBlocking(() -> publisher.send(events), false)
                .chain(acks -> Uni.createFrom().completionStage(settled(events, acks))
                        .map(ignored -> acknowledgedInOrder(events, acks)))
                .emitOn(command -> context.runOnContext(command));
    }

    /** Completes when every send has an outcome, success or not; records the latency of each ack. */
    private CompletableFuture<Void> settled(List<PendingEvent> events, List<CompletableFuture<Void>> acks) {
        CompletableFuture<?>[] outcomes = new CompletableFuture<?>[acks.size()];
        for (int i = 0; i < acks.size(); i++) {
            Instant committed = events.get(i).occurredAt();
            outcomes[i] = acks.get(i)
                    .thenRun(() -> metrics.acknowledged(Duration.between(committed, Instant.now())))
                    .exceptionally(error -> null);
        }
        return CompletableFuture.allOf(outcomes);
    }

    /**
     * The acknowledged events, except any that follow an unacknowledged event of the same aggregate: those stay
     * pending with it, so the retry re-sends the aggregate's events in order (the re-sent duplicates carry the same
     * event id, which consumers deduplicate).
     */
    static List<PendingEvent> acknowledgedInOrder(List<PendingEvent> events, List<CompletableFuture<Void>> acks) {
        Set<String> blockedKeys = new HashSet<>();
        List<PendingEvent> acked = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            PendingEvent event = events.get(i);
            CompletableFuture<Void> ack = acks.get(i);
            if (ack.isCompletedExceptionally() || !ack.isDone()) {
                blockedKeys.add(event.key());
                if (blockedKeys.size() == 1) {
                    Log.warnf("Kafka did not acknowledge outbox event %s (%s); it stays pending", event.id(),
                            failure(ack));
                }
            } else if (!blockedKeys.contains(event.key())) {
                acked.add(event);
            }
        }
        return acked;
    }

    private static String failure(CompletableFuture<Void> ack) {
        if (!ack.isDone()) {
            return "no outcome";
        }
        try {
            ack.join();
            return "acknowledged";
        } catch (RuntimeException e) {
            return e.getCause() == null ? e.toString() : e.getCause().toString();
        }
    }

    /**
     * Marks the acknowledged events sent. When some were not acknowledged, the result is below the batch size, so
     * the drain stops and the next poll retries the rest.
     */
    private Uni<Integer> markSent(SqlConnection connection, List<PendingEvent> events, int batch) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        UUID[] ids = events.stream()
                .map(PendingEvent::id)
                .toArray(UUID[]::new);
        String[] redacted = events.stream()
                .map(event -> Redaction.redacted(event.payload()))
                .toArray(String[]::new);
        return connection.preparedQuery(MARK_SENT)
                .execute(Tuple.of(ids, redacted))
                .map(RowSet::rowCount)
                .invoke((Integer count) -> metrics.published(count))
                .invoke((Integer count) -> Log.debugf("Relay published %d outbox events", count))
                .map(count -> events.size() == batch ? count : Math.min(count, batch - 1));
    }

    /** Counts pending rows into the backlog gauge. */
    public Uni<Long> refreshBacklog() {
        return pool.query(COUNT_PENDING)
                .execute()
                .map(rows -> rows.iterator().next().getLong(0))
                .invoke((Long pending) -> metrics.backlog(pending));
    }

    /** Deletes rows that were sent before {@code cutoff}; pending rows are never purged. */
    public Uni<Integer> purgeSentBefore(Instant cutoff) {
        return pool.preparedQuery(PURGE)
                .execute(Tuple.of(OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC)))
                .map(RowSet::rowCount);
    }

    private static List<PendingEvent> pending(RowSet<Row> rows) {
        List<PendingEvent> events = new ArrayList<>(rows.size());
        for (Row row : rows) {
            events.add(new PendingEvent(row.getUUID("id"), row.getLong("seq"), row.getString("aggregatetype"),
                    row.getString("aggregateid"), row.getString("type"), row.getString("payload"),
                    row.getOffsetDateTime("occurred_at").toInstant(), row.getString("traceparent"),
                    row.getString("tracestate")));
        }
        return events;
    }
}
