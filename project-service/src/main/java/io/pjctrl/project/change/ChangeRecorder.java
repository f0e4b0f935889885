package io.pjctrl.project.change;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pjctrl.ids.TimeOrderedIds;
import io.pjctrl.project.ProjectServiceConfig;
import io.pjctrl.project.outbox.OutboxEvent;
import io.pjctrl.project.outbox.OutboxRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Writes a change event into the outbox. Callers are inside the transaction of the entity change, so both commit
 * together or not at all; the relay publishes the row afterwards. The data is written by the event contract's
 * {@link io.pjctrl.contract.event.ChangeEvent}, the same code every producer uses.
 */
@ApplicationScoped
public class ChangeRecorder {

    private final OutboxRepository outbox;
    private final String source;

    public ChangeRecorder(OutboxRepository outbox, ProjectServiceConfig config) {
        this.outbox = outbox;
        this.source = config.events().source();
    }

    public Uni<OutboxEvent> record(ChangeEvent change) {
        UUID eventId = TimeOrderedIds.next();
        Instant occurredAt = Changes.now();
        RequestMetadata request = change.context().request();
        OutboxEvent row = new OutboxEvent(eventId, change.resourceType(),
                change.resourceId() == null ? "" : change.resourceId().toString(), change.type(),
                new String(event(eventId, occurredAt, change).dataBytes(), StandardCharsets.UTF_8), occurredAt,
                request.traceparent(), request.tracestate());
        return outbox.persist(row)
                .invoke(() -> Log.debugf("Recorded %s for %s %s", change.type(), change.resourceType(), change.resourceId()));
    }

    private io.pjctrl.contract.event.ChangeEvent event(UUID eventId, Instant occurredAt, ChangeEvent change) {
        Actor actor = change.context().actor();
        RequestMetadata request = change.context().request();
        return new io.pjctrl.contract.event.ChangeEvent(eventId, change.type(), source, change.resourceType(),
                text(change.resourceId()), change.projectId(), change.action(), actor.userId(), actor.role(),
                io.pjctrl.contract.event.ChangeEvent.changes(change.changes()), change.aggregateVersion(), occurredAt,
                io.pjctrl.contract.event.ChangeEvent.requestMetadata(request.ip(), request.userAgent(),
                        request.requestId(), request.traceId()));
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}
