package io.pjctrl.contract.ocsf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pjctrl.contract.chain.AuditEntry;
import io.pjctrl.contract.chain.ChainedEntry;
import io.pjctrl.contract.chain.Timestamps;
import io.pjctrl.contract.event.AlertEvent;
import io.pjctrl.contract.privacy.Openings;

/**
 * Audit log entries and alerts as OCSF {@value #SCHEMA_VERSION} event records (docs/events/ocsf.md): one JSON object
 * each, the same for the export ({@code format=ocsf}) and the {@code pjctrl.audit-ocsf} topic. Every record carries
 * the required attributes of its class, and {@code metadata} plus {@code unmapped.pjctrl} point back to the stored
 * entry and its place in its chain, so a SIEM record leads to the proof of the entry it came from.
 */
public final class OcsfRecords {

    /** The OCSF schema version the records follow ({@code metadata.version}); the tests check against its files. */
    public static final String SCHEMA_VERSION = "1.8.0";
    /** The property of {@code unmapped} that holds pjctrl's own fields. */
    public static final String UNMAPPED_KEY = "pjctrl";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final OcsfProduct product;

    public OcsfRecords(OcsfProduct product) {
        this.product = product;
    }

    /** The OCSF record of a stored entry (its class by {@link OcsfActivity#of}). */
    public ObjectNode entry(ChainedEntry chained) {
        AuditEntry entry = chained.entry();
        OcsfActivity activity = OcsfActivity.of(entry.eventType(), entry.action());
        JsonNode changes = parse(entry.changes().text());
        JsonNode request = parse(entry.requestMetadata().text());
        ObjectNode record = classification(activity, Severity.of(entry.sensitivityLevel()), entry.occurredAt());
        record.put("message", entry.eventType() + " " + subject(entry));
        record.put("status_id", activity.failure() ? 2 : 1);
        record.put("status", activity.failure() ? "Failure" : "Success");
        if (activity.failure() && changes.path("reason").path("new").isTextual()) {
            record.put("status_detail", changes.path("reason").path("new").textValue());
        }
        ObjectNode metadata = metadata(record, entry.id());
        metadata.put("correlation_uid", entry.eventId().toString());
        metadata.put("log_name", entry.chainId());
        metadata.put("sequence", entry.seq());
        metadata.put("logged_time", millis(entry.recordedAt()));
        if (activity.ocsfClass() != OcsfClass.BASE_EVENT) {
            actor(record, entry);
            endpointAndRequest(record, request);
            target(record, activity.ocsfClass(), entry, changes);
        }
        record.putObject("unmapped").set(UNMAPPED_KEY, stored(chained, changes, request));
        return record;
    }

    /** The Detection Finding of an alert; {@code unmapped.pjctrl.audit_log_id} names the entry that raised it. */
    public ObjectNode alert(AlertEvent alert) {
        OcsfActivity activity = OcsfActivity.FINDING_CREATED;
        ObjectNode record = classification(activity, Severity.of(alert.severity()), alert.createdAt());
        record.put("message", alert.message());
        record.put("status_id", 1);
        record.put("status", "New");
        record.put("is_alert", true);
        metadata(record, alert.id());
        ObjectNode finding = record.putObject("finding_info");
        finding.put("uid", alert.id().toString());
        finding.put("title", alert.message());
        finding.putArray("types").add(alert.rule());
        finding.put("created_time", millis(alert.createdAt()));
        ObjectNode analytic = finding.putObject("analytic");
        analytic.put("name", alert.rule());
        analytic.put("type_id", 1);
        analytic.put("type", "Rule");
        ObjectNode unmapped = record.putObject("unmapped").putObject(UNMAPPED_KEY);
        unmapped.put("alert_id", alert.id().toString());
        unmapped.put("audit_log_id", alert.auditLogId() == null ? null : alert.auditLogId().toString());
        unmapped.put("rule", alert.rule());
        unmapped.put("severity", alert.severity());
        return record;
    }

    /**
     * {@code unmapped.pjctrl} of an entry: every stored field under its column name, exactly as a line of the NDJSON
     * export has it (docs/integrity.md), so the entry's canonical form and checksum can be recomputed from the record
     * alone and checked against the chain's checkpoints.
     */
    private static ObjectNode stored(ChainedEntry chained, JsonNode changes, JsonNode request) {
        AuditEntry entry = chained.entry();
        ObjectNode stored = NODES.objectNode();
        stored.put("id", entry.id().toString());
        stored.put("event_id", entry.eventId().toString());
        stored.put("event_type", entry.eventType());
        stored.put("source", entry.source());
        stored.put("resource_type", entry.resourceType());
        stored.put("resource_id", entry.resourceId());
        stored.put("project_id", entry.projectId() == null ? null : entry.projectId().toString());
        stored.put("user_id", entry.userId() == null ? null : entry.userId().toString());
        stored.put("actor_role", entry.actorRole());
        stored.put("action", entry.action());
        stored.set("changes", changes);
        stored.set("request_metadata", request);
        stored.put("sensitivity_level", entry.sensitivityLevel());
        stored.put("aggregate_version", entry.aggregateVersion());
        stored.put("occurred_at", Timestamps.format(entry.occurredAt()));
        stored.put("recorded_at", Timestamps.format(entry.recordedAt()));
        stored.put("chain_id", entry.chainId());
        stored.put("seq", entry.seq());
        stored.put("entry_format", entry.entryFormat());
        if (entry.entrySource() != null) {
            stored.put("source_partition", entry.entrySource().partition());
            stored.put("source_offset", entry.entrySource().offset());
        } else {
            stored.putNull("source_partition");
            stored.putNull("source_offset");
        }
        stored.put("prev_checksum", chained.prevChecksum());
        stored.put("checksum", chained.checksum());
        return stored;
    }

    /** A record as one NDJSON line: compact JSON and {@code \n}. */
    public static String line(ObjectNode record) {
        try {
            return JSON.writeValueAsString(record) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of JSON nodes always serializes", e);
        }
    }

    private ObjectNode classification(OcsfActivity activity, Severity severity, Instant time) {
        OcsfClass ocsfClass = activity.ocsfClass();
        ObjectNode record = NODES.objectNode();
        record.put("class_uid", ocsfClass.uid());
        record.put("class_name", ocsfClass.caption());
        record.put("category_uid", ocsfClass.categoryUid());
        record.put("category_name", ocsfClass.categoryCaption());
        record.put("activity_id", activity.activityId());
        record.put("activity_name", activity.activityName());
        record.put("type_uid", activity.typeUid());
        record.put("type_name", ocsfClass.caption() + ": " + activity.activityName());
        record.put("severity_id", severity.id);
        record.put("severity", severity.caption);
        record.put("time", millis(time));
        record.put("timezone_offset", 0);
        return record;
    }

    private ObjectNode metadata(ObjectNode record, UUID uid) {
        ObjectNode metadata = record.putObject("metadata");
        metadata.put("version", SCHEMA_VERSION);
        metadata.put("uid", uid.toString());
        ObjectNode productNode = metadata.putObject("product");
        productNode.put("name", product.name());
        productNode.put("vendor_name", product.vendorName());
        productNode.put("version", product.version());
        return metadata;
    }

    /** The user who acted; omitted when the event names none (a failed login with an unknown e-mail address). */
    private static void actor(ObjectNode record, AuditEntry entry) {
        if (entry.userId() == null) {
            return;
        }
        ObjectNode user = record.putObject("actor").putObject("user");
        user.put("uid", entry.userId().toString());
        userType(user, entry.actorRole());
    }

    private static void endpointAndRequest(ObjectNode record, JsonNode request) {
        String ip = text(request, "ip");
        if (ip != null) {
            record.putObject("src_endpoint").put("ip", ip);
        }
        String userAgent = text(request, "user_agent");
        String requestId = text(request, "request_id");
        if (userAgent != null || requestId != null) {
            ObjectNode http = record.putObject("http_request");
            if (userAgent != null) {
                http.put("user_agent", userAgent);
            }
            if (requestId != null) {
                http.put("uid", requestId);
            }
        }
    }

    /** The class's required subject: the user authenticated or changed, or the managed entity. */
    private static void target(ObjectNode record, OcsfClass ocsfClass, AuditEntry entry, JsonNode changes) {
        switch (ocsfClass) {
            case AUTHENTICATION -> {
                record.set("user", targetUser(entry, changes));
                record.putObject("service").put("name", entry.source());
            }
            case ACCOUNT_CHANGE -> {
                ObjectNode user = targetUser(entry, changes);
                JsonNode role = changes.path("role").path("new");
                if (role.isTextual()) {
                    userType(user, role.textValue());
                }
                record.set("user", user);
            }
            case ENTITY_MANAGEMENT -> {
                ObjectNode entity = record.putObject("entity");
                entity.put(entry.resourceId() == null ? "name" : "uid",
                        entry.resourceId() == null ? entry.resourceType() : entry.resourceId());
                entity.put("type", entry.resourceType());
            }
            default -> {
            }
        }
    }

    /** The user a user.* event is about: the resource id, or the e-mail address tried when there is no such user. */
    private static ObjectNode targetUser(AuditEntry entry, JsonNode changes) {
        ObjectNode user = NODES.objectNode();
        if (entry.resourceId() != null) {
            user.put("uid", entry.resourceId());
        }
        JsonNode email = Openings.revealed(changes.path("email").path("new"));
        if (email != null && email.isTextual()) {
            user.put("email_addr", email.textValue());
            if (entry.resourceId() == null) {
                user.put("name", email.textValue());
            }
        }
        if (!user.has("uid") && !user.has("name")) {
            user.put("name", "unknown");
        }
        return user;
    }

    /** OCSF user type_id: 2 Admin for pjctrl's admin role, 1 User for the others. */
    private static void userType(ObjectNode user, String role) {
        if (role != null) {
            user.put("type_id", "admin".equals(role) ? 2 : 1);
            user.put("type", "admin".equals(role) ? "Admin" : "User");
        }
    }

    private static String subject(AuditEntry entry) {
        return entry.resourceId() == null ? entry.resourceType() : entry.resourceType() + "/" + entry.resourceId();
    }

    private static long millis(Instant instant) {
        return instant.toEpochMilli();
    }

    /** A text field's value; an export's opening shows its value, a commitment or an erased value none. */
    private static String text(JsonNode object, String field) {
        JsonNode value = Openings.revealed(object.get(field));
        return value == null || !value.isTextual() ? null : value.textValue();
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** OCSF severity_id of a pjctrl sensitivity (entries) or alert severity. */
    private enum Severity {

        UNKNOWN(0, "Unknown"), LOW(2, "Low"), MEDIUM(3, "Medium"), HIGH(4, "High"), CRITICAL(5, "Critical");

        final int id;
        final String caption;

        Severity(int id, String caption) {
            this.id = id;
            this.caption = caption;
        }

        static Severity of(String level) {
            return switch (level == null ? "" : level) {
                case "low" -> LOW;
                case "medium" -> MEDIUM;
                case "high" -> HIGH;
                case "critical" -> CRITICAL;
                default -> UNKNOWN;
            };
        }
    }
}
