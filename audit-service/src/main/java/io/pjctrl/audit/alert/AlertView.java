package io.pjctrl.audit.alert;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.vertx.mutiny.sqlclient.Row;

/** An alert as the API shows it, with its acknowledgement (who, when, note) once acknowledged. */
@Schema(name = "Alert")
public record AlertView(
        UUID id,
        @Schema(description = "The entry that raised it; null for alerts about no single entry", nullable = true) UUID auditLogId,
        @Schema(examples = "project.delete") String rule,
        @Schema(examples = "high") String severity,
        @Schema(examples = "project.delete by 0b7a3c2e-61b4-4f7e-9d2a-1c5e8f3a9b40") String message,
        Instant createdAt,
        @Schema(nullable = true) Instant acknowledgedAt,
        @Schema(description = "User id (JWT sub) of the admin who acknowledged", nullable = true) UUID acknowledgedBy,
        @Schema(nullable = true) String note) {

    static final String COLUMNS = "id, audit_log_id, rule, severity, message, created_at, acknowledged_at, acknowledged_by, note";

    static AlertView from(Row row) {
        return new AlertView(row.getUUID("id"), row.getUUID("audit_log_id"), row.getString("rule"),
                row.getString("severity"), row.getString("message"), row.getOffsetDateTime("created_at").toInstant(),
                row.getOffsetDateTime("acknowledged_at") == null ? null : row.getOffsetDateTime("acknowledged_at").toInstant(),
                row.getUUID("acknowledged_by"), row.getString("note"));
    }

    static AlertView of(AlertRaised alert) {
        return new AlertView(alert.id(), alert.auditLogId(), alert.rule(), alert.severity(), alert.message(),
                alert.createdAt(), null, null, null);
    }
}
