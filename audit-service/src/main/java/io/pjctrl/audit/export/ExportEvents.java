package io.pjctrl.audit.export;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pjctrl.audit.log.AuditLogFilter;
import io.pjctrl.audit.ownevent.OwnEvent;

/**
 * An export as an audit event of its own: type {@value #TYPE}, resource {@code audit_export/<export id>}, the format
 * and the filter as its changes.
 */
final class ExportEvents {

    static final String TYPE = "audit.export";
    static final String RESOURCE_TYPE = "audit_export";

    private ExportEvents() {
    }

    static OwnEvent of(String eventId, ExportRecord export, Instant now) {
        ObjectNode changes = JsonNodeFactory.instance.objectNode();
        changes.putObject("format").put("new", export.format().parameter());
        changes.putObject("filter").set("new", filter(export.filter()));
        return new OwnEvent(eventId, TYPE, RESOURCE_TYPE, export.exportId().toString(), null,
                "create", export.by(), changes, 1, now);
    }

    private static ObjectNode filter(AuditLogFilter f) {
        ObjectNode filter = JsonNodeFactory.instance.objectNode();
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
}
