package io.pjctrl.audit.ownevent;

import java.net.URI;
import java.time.ZoneOffset;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pjctrl.contract.chain.Timestamps;
import io.pjctrl.contract.event.CloudEvents;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes the service's own audit events as CloudEvents on the events topic, which the ingest chains like any other
 * change. The returned Uni completes only when the broker acknowledged the event, so the caller acts only on a
 * recorded event. Exports, holds and erasures keep a channel each: their {@code mp.messaging.outgoing.<channel>.*} keys
 * are the documented configuration (application.properties), all three pointing at the events topic.
 */
@ApplicationScoped
public class OwnEventPublisher {

    public static final String EXPORTS = "audit-exports";
    public static final String HOLDS = "audit-holds";
    public static final String ERASURES = "audit-erasures";
    static final URI SOURCE = URI.create("/pjctrl/audit-service");

    private final Map<String, MutinyEmitter<String>> channels;

    public OwnEventPublisher(@Channel(EXPORTS) MutinyEmitter<String> exports,
            @Channel(HOLDS) MutinyEmitter<String> holds, @Channel(ERASURES) MutinyEmitter<String> erasures) {
        this.channels = Map.of(EXPORTS, exports, HOLDS, holds, ERASURES, erasures);
    }

    /** On {@code channel}: {@link #EXPORTS}, {@link #HOLDS} or {@link #ERASURES}. */
    public Uni<Void> publish(String channel, OwnEvent event) {
        MutinyEmitter<String> emitter = channels.get(channel);
        if (emitter == null) {
            throw new IllegalArgumentException("no such channel: " + channel);
        }
        Message<String> message = Message.of(data(event).toString())
                .addMetadata(OutgoingCloudEventMetadata.<String>builder()
                        .withId(event.id())
                        .withSource(SOURCE)
                        .withType(event.type())
                        .withSubject(CloudEvents.subject(event.resourceType(), event.resourceId()))
                        .withTimestamp(event.occurredAt().atZone(ZoneOffset.UTC))
                        .withDataContentType(CloudEvents.DATA_CONTENT_TYPE)
                        .build())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(CloudEvents.key(event.resourceType(), event.resourceId()))
                        .build());
        return emitter.sendMessage(message);
    }

    /** The event data, valid against the contract's audit-event.schema.json (ExportEventSchemaTest, HoldApiTest). */
    public static ObjectNode data(OwnEvent event) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("event_id", event.id());
        data.put("event_type", event.type());
        data.put("resource_type", event.resourceType());
        data.put("resource_id", event.resourceId());
        data.put("project_id", event.projectId());
        data.put("action", event.action());
        ObjectNode actor = data.putObject("actor");
        actor.put("user_id", event.by().userId());
        actor.put("role", event.by().role());
        data.set("changes", event.changes());
        data.put("aggregate_version", event.version());
        data.put("occurred_at", Timestamps.format(event.occurredAt()));
        ObjectNode metadata = data.putObject("request_metadata");
        metadata.put("ip", truncate(event.by().ip(), 45));
        metadata.put("user_agent", truncate(event.by().userAgent(), 512));
        metadata.put("request_id", truncate(event.by().requestId(), 128));
        metadata.put("trace_id", truncate(event.by().traceId(), 64));
        return data;
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
