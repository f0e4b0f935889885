package io.pjctrl.audit.privacy;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

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
 * Records a legal hold's creation and release as audit events of their own, like an export
 * ({@code export/ExportEventPublisher}): CloudEvents of type {@value #CREATED} (action create, version 1) and
 * {@value #RELEASED} (action update, version 2) for resource {@code legal_hold/<hold id>} on the events topic, which
 * the ingest chains like any other change. The Uni completes when the broker acknowledged the event; the hold's
 * database transaction commits only then, so no hold exists unrecorded.
 */
@ApplicationScoped
public class HoldEventPublisher {

    public static final String CHANNEL = "audit-holds";
    public static final String CREATED = "legal_hold.create";
    public static final String RELEASED = "legal_hold.release";
    public static final String RESOURCE_TYPE = "legal_hold";
    static final URI SOURCE = URI.create("/pjctrl/audit-service");

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper json;

    public HoldEventPublisher(@Channel(CHANNEL) MutinyEmitter<String> emitter, ObjectMapper json) {
        this.emitter = emitter;
        this.json = json;
    }

    Uni<Void> created(Hold hold, PrivacyActor actor) {
        return publish(CREATED, hold, actor);
    }

    Uni<Void> released(Hold hold, PrivacyActor actor) {
        return publish(RELEASED, hold, actor);
    }

    private Uni<Void> publish(String type, Hold hold, PrivacyActor actor) {
        Instant now = Timestamps.truncate(Instant.now());
        String id = UUID.randomUUID().toString();
        Message<String> message = Message.of(data(id, type, hold, actor, now).toString())
                .addMetadata(OutgoingCloudEventMetadata.<String>builder()
                        .withId(id)
                        .withSource(SOURCE)
                        .withType(type)
                        .withSubject(CloudEvents.subject(RESOURCE_TYPE, hold.id().toString()))
                        .withTimestamp(now.atZone(ZoneOffset.UTC))
                        .withDataContentType(CloudEvents.DATA_CONTENT_TYPE)
                        .build())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(CloudEvents.key(RESOURCE_TYPE, hold.id().toString()))
                        .build());
        return emitter.sendMessage(message);
    }

    /** The event data, valid against the contract's audit-event.schema.json (HoldApiTest checks it). */
    ObjectNode data(String eventId, String type, Hold hold, PrivacyActor actor, Instant now) {
        boolean created = type.equals(CREATED);
        ObjectNode data = json.createObjectNode();
        data.put("event_id", eventId);
        data.put("event_type", type);
        data.put("resource_type", RESOURCE_TYPE);
        data.put("resource_id", hold.id().toString());
        data.put("project_id", hold.projectId() == null ? null : hold.projectId().toString());
        data.put("action", created ? "create" : "update");
        ObjectNode who = data.putObject("actor");
        who.put("user_id", actor.userId());
        who.put("role", actor.role());
        ObjectNode changes = data.putObject("changes");
        if (created) {
            changes.putObject("user_id").put("new", hold.userId() == null ? null : hold.userId().toString());
            changes.putObject("project_id").put("new", hold.projectId() == null ? null : hold.projectId().toString());
            changes.putObject("reason").put("new", hold.reason());
        } else {
            ObjectNode released = changes.putObject("released_at");
            released.putNull("old");
            released.put("new", Timestamps.format(hold.releasedAt()));
        }
        data.put("aggregate_version", created ? 1 : 2);
        data.put("occurred_at", Timestamps.format(now));
        ObjectNode metadata = data.putObject("request_metadata");
        metadata.put("ip", truncate(actor.ip(), 45));
        metadata.put("user_agent", truncate(actor.userAgent(), 512));
        metadata.put("request_id", truncate(actor.requestId(), 128));
        metadata.put("trace_id", truncate(actor.traceId(), 64));
        return data;
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
