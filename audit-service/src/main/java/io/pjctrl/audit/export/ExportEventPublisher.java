package io.pjctrl.audit.export;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pjctrl.audit.log.AuditLogFilter;
import io.pjctrl.contract.chain.Timestamps;
import io.pjctrl.contract.event.CloudEvents;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Records an export as an audit event of its own: a CloudEvent (type {@code audit.export}, resource
 * {@code audit_export/<export id>}) on the events topic, which the ingest chains like any other change. The returned
 * Uni completes only when the broker acknowledged it, so no file leaves the service unrecorded.
 */
@ApplicationScoped
public class ExportEventPublisher {

    public static final String CHANNEL = "audit-exports";
    public static final String EVENT_TYPE = "audit.export";
    public static final String RESOURCE_TYPE = "audit_export";
    static final URI SOURCE = URI.create("/pjctrl/audit-service");

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper json;

    public ExportEventPublisher(@Channel(CHANNEL) MutinyEmitter<String> emitter, ObjectMapper json) {
        this.emitter = emitter;
        this.json = json;
    }

    public Uni<Void> publish(ExportRecord export) {
        Instant now = Timestamps.truncate(Instant.now());
        String id = UUID.randomUUID().toString();
        Message<String> message = Message.of(data(id, export, now).toString())
                .addMetadata(OutgoingCloudEventMetadata.<String>builder()
                        .withId(id)
                        .withSource(SOURCE)
                        .withType(EVENT_TYPE)
                        .withSubject(CloudEvents.subject(RESOURCE_TYPE, export.exportId().toString()))
                        .withTimestamp(now.atZone(ZoneOffset.UTC))
                        .withDataContentType(CloudEvents.DATA_CONTENT_TYPE)
                        .build())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(CloudEvents.key(RESOURCE_TYPE, export.exportId().toString()))
                        .build());
        return emitter.sendMessage(message);
    }

    /** The event data, valid against the contract's audit-event.schema.json (ExportEventSchemaTest checks it). */
    ObjectNode data(String eventId, ExportRecord export, Instant now) {
        ObjectNode data = json.createObjectNode();
        data.put("event_id", eventId);
        data.put("event_type", EVENT_TYPE);
        data.put("resource_type", RESOURCE_TYPE);
        data.put("resource_id", export.exportId().toString());
        data.putNull("project_id");
        data.put("action", "create");
        ObjectNode actor = data.putObject("actor");
        actor.put("user_id", export.userId());
        actor.put("role", export.role());
        ObjectNode changes = data.putObject("changes");
        changes.putObject("format").put("new", export.format().parameter());
        changes.putObject("filter").set("new", filter(export.filter()));
        data.put("aggregate_version", 1);
        data.put("occurred_at", Timestamps.format(now));
        ObjectNode metadata = data.putObject("request_metadata");
        metadata.put("ip", truncate(export.ip(), 45));
        metadata.put("user_agent", truncate(export.userAgent(), 512));
        metadata.put("request_id", truncate(export.requestId(), 128));
        metadata.put("trace_id", truncate(export.traceId(), 64));
        return data;
    }

    private ObjectNode filter(AuditLogFilter f) {
        ObjectNode filter = json.createObjectNode();
        ArrayNode eventTypes = filter.putArray("event_type");
        f.eventTypes().forEach(eventTypes::add);
        filter.put("resource_type", f.resourceType());
        filter.put("resource_id", f.resourceId());
        filter.put("user_id", f.userId() == null ? null : f.userId().toString());
        filter.put("project_id", f.projectId() == null ? null : f.projectId().toString());
        filter.put("action", f.action());
        ArrayNode sensitivities = filter.putArray("sensitivity");
        f.sensitivities().forEach(sensitivities::add);
        filter.put("from", f.from() == null ? null : f.from().toString());
        filter.put("to", f.to() == null ? null : f.to().toString());
        return filter;
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
