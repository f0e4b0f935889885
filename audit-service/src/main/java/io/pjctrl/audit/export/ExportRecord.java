package io.pjctrl.audit.export;

import java.util.UUID;

import io.pjctrl.audit.log.AuditLogFilter;

/** Who exported what: the facts that become the export's own audit event. */
record ExportRecord(
        UUID exportId,
        String userId,
        String role,
        ExportFormat format,
        AuditLogFilter filter,
        String ip,
        String userAgent,
        String requestId,
        String traceId) {
}
