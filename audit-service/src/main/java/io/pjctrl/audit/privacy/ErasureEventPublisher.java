package io.pjctrl.audit.privacy;

import java.net.URI;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pjctrl.contract.chain.Timestamps;
import io.pjctrl.contract.event.CloudEvents;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Records an erasure as an audit event of its own (type {@value #EVENT_TYPE}, resource {@code privacy_erasure/<id>})
 * on the events topic, like an export's: who, when, whose, why and how many entries. The ingest chains it, raises its
 * alert (an alert event type by default) and commits the admin's own request metadata like any other.
 */
@ApplicationScoped
public class ErasureEventPublisher {

    public static final String CHANNEL = "audit-erasures";
    public static final String EVENT_TYPE = "privacy.erasure";
    public static final String RESOURCE_TYPE = "privacy_erasure";
    static final URI SOURCE = URI.create("/pjctrl/audit-service");

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper json;

    public ErasureEventPublisher(@Channel(CHANNEL) MutinyEmitter<String> emitter, ObjectMapper json) {
        this.emitter = emitter;
        this.json = json;
    }

    /** Completes when the broker acknowledged the event. */
    public Uni<Void> publish(PersonalValueRepository.Erasure erasure, ErasureCaller caller) {
        Message<String> message = Message.of(data(erasure, caller).toString())
                .addMetadata(OutgoingCloudEventMetadata.<String>builder()
                        .withId(erasure.eventId().toString())
                        .withSource(SOURCE)
                        .withType(EVENT_TYPE)
                        .withSubject(CloudEvents.subject(RESOURCE_TYPE, erasure.id().toString()))
                        .withTimestamp(erasure.erasedAt().atZone(ZoneOffset.UTC))
                        .withDataContentType(CloudEvents.DATA_CONTENT_TYPE)
                        .build())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(CloudEvents.key(RESOURCE_TYPE, erasure.id().toString()))
                        .build());
        return emitter.sendMessage(message);
    }

    /** The event data, valid against the contract's audit-event.schema.json. */
    ObjectNode data(PersonalValueRepository.Erasure erasure, ErasureCaller caller) {
        ObjectNode data = json.createObjectNode();
        data.put("event_id", erasure.eventId().toString());
        data.put("event_type", EVENT_TYPE);
        data.put("resource_type", RESOURCE_TYPE);
        data.put("resource_id", erasure.id().toString());
        data.putNull("project_id");
        data.put("action", "create");
        ObjectNode actor = data.putObject("actor");
        actor.put("user_id", erasure.requestedBy());
        actor.put("role", "admin");
        ObjectNode changes = data.putObject("changes");
        changes.putObject("user_id").put("new", erasure.subject().toString());
        changes.putObject("reason").put("new", erasure.reason());
        changes.putObject("entries_affected").put("new", erasure.entriesAffected());
        changes.putObject("entries_not_erasable").put("new", erasure.entriesNotErasable());
        data.put("aggregate_version", 1);
        data.put("occurred_at", Timestamps.format(erasure.erasedAt()));
        ObjectNode metadata = data.putObject("request_metadata");
        metadata.put("ip", truncate(caller.ip(), 45));
        metadata.put("user_agent", truncate(caller.userAgent(), 512));
        metadata.put("request_id", truncate(caller.requestId(), 128));
        metadata.put("trace_id", caller.traceId());
        return data;
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
