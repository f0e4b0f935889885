package io.pjctrl.contract.event;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pjctrl.contract.chain.Timestamps;

/**
 * An alert audit-service raised, as it leaves on {@code pjctrl.audit-alerts}: a CloudEvent in binary mode like the
 * change events (docs/events/alerts.md, audit-alert.schema.json). The writer (audit-service) and any reader take the
 * header values and the data's shape from here.
 *
 * @param auditLogId the entry that raised it; null for alerts about no single entry
 * @param rule {@code event_type}, {@code sensitivity}, {@code rate:<name>}, {@code integrity_verification_failed}, ...
 * @param severity low|medium|high|critical
 */
public record AlertEvent(UUID id, UUID auditLogId, String rule, String severity, String message, Instant createdAt) {

    /** ce_type of a raised alert; a later, incompatible data shape gets a new type (…v2), not a changed one. */
    public static final String TYPE = "io.pjctrl.audit.alert.raised.v1";
    /** ce_source of audit-service's events. */
    public static final String SOURCE = "/pjctrl/audit-service";
    /** ce_dataschema: names audit-alert.schema.json (its {@code $id}). */
    public static final String DATA_SCHEMA = "urn:pjctrl:schema:audit-alert:v1";
    /** ce_subject and key prefix of an alert's entry ({@code audit_log/<entry id>}). */
    public static final String SUBJECT_TYPE = "audit_log";

    private static final ObjectMapper JSON = new ObjectMapper();

    public AlertEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        createdAt = Timestamps.truncate(Objects.requireNonNull(createdAt, "createdAt"));
    }

    /** The data: every property present, null where there is no value. */
    public ObjectNode data() {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("id", id.toString());
        data.put("audit_log_id", auditLogId == null ? null : auditLogId.toString());
        data.put("rule", rule);
        data.put("severity", severity);
        data.put("message", message);
        data.put("created_at", Timestamps.format(createdAt));
        return data;
    }

    /**
     * The binary-mode record: key = the alert id (each alert once, in the order raised on the topic's one partition),
     * ce_subject {@code audit_log/<entry id>} (the entry the alert is about; {@code audit_log} alone without one).
     */
    public EventRecord record() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CloudEvents.SPECVERSION_HEADER, CloudEvents.SPEC_VERSION);
        headers.put(CloudEvents.ID_HEADER, id.toString());
        headers.put(CloudEvents.SOURCE_HEADER, SOURCE);
        headers.put(CloudEvents.TYPE_HEADER, TYPE);
        headers.put(CloudEvents.SUBJECT_HEADER,
                CloudEvents.subject(SUBJECT_TYPE, auditLogId == null ? null : auditLogId.toString()));
        headers.put(CloudEvents.TIME_HEADER, Timestamps.format(createdAt));
        headers.put(CloudEvents.DATASCHEMA_HEADER, DATA_SCHEMA);
        headers.put(CloudEvents.CONTENT_TYPE_HEADER, CloudEvents.DATA_CONTENT_TYPE);
        try {
            return new EventRecord(id.toString(), headers, JSON.writeValueAsBytes(data()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of JSON nodes always serializes", e);
        }
    }
}
