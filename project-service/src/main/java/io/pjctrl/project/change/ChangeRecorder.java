package io.pjctrl.project.change;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pjctrl.ids.TimeOrderedIds;
import io.pjctrl.project.outbox.OutboxEvent;
import io.pjctrl.project.outbox.OutboxRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Writes a change event into the outbox. Callers are inside the transaction of the entity change, so both commit
 * together or not at all; the relay publishes the row afterwards.
 */
@ApplicationScoped
public class ChangeRecorder {

    private final OutboxRepository outbox;
    private final ObjectMapper json;

    public ChangeRecorder(OutboxRepository outbox, ObjectMapper json) {
        this.outbox = outbox;
        this.json = json;
    }

    public Uni<OutboxEvent> record(ChangeEvent change) {
        UUID eventId = TimeOrderedIds.next();
        Instant occurredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        OutboxEvent row = new OutboxEvent(eventId, change.resourceType(),
                change.resourceId() == null ? "" : change.resourceId().toString(), change.type(),
                serialize(data(eventId, occurredAt, change)), occurredAt);
        return outbox.persist(row)
                .invoke(() -> Log.debugf("Recorded %s for %s %s", change.type(), change.resourceType(), change.resourceId()));
    }

    private static EventData data(UUID eventId, Instant occurredAt, ChangeEvent change) {
        Actor actor = change.context().actor();
        RequestMetadata request = change.context().request();
        return new EventData(eventId.toString(), change.type(), change.resourceType(), text(change.resourceId()),
                text(change.projectId()), change.action(),
                new EventData.EventActor(text(actor.userId()), actor.role()), change.changes(),
                change.aggregateVersion(), occurredAt.toString(),
                new EventData.EventRequestMetadata(request.ip(), request.userAgent(), request.requestId(),
                        request.traceId()));
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }

    private String serialize(EventData data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event data always serializes", e);
        }
    }
}
