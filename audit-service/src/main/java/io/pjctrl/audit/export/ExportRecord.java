package io.pjctrl.audit.export;

import java.util.UUID;

import io.pjctrl.audit.log.AuditLogFilter;
import io.pjctrl.audit.ownevent.Requester;

/** Who exported what: the facts that become the export's own audit event. */
record ExportRecord(UUID exportId, ExportFormat format, AuditLogFilter filter, Requester by) {
}
