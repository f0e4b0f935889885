package io.pjctrl.audit.alert;

import java.time.Instant;
import java.util.UUID;

import io.pjctrl.contract.event.AlertEvent;

/**
 * An alert as stored in audit_alerts; also the CDI event fired once its transaction committed (observe it with a
 * synchronous {@code @Observes}; the observer runs on the ingest's event loop, so it must not block).
 *
 * @param auditLogId the entry that raised it; null for alerts about no single entry (integrity_verification_failed)
 * @param rule {@code event_type}, {@code sensitivity}, {@code rate:<name>} or {@code integrity_verification_failed}
 * @param severity low|medium|high|critical
 */
public record AlertRaised(UUID id, UUID auditLogId, String rule, String severity, String message, Instant createdAt) {

    /** The alert as it leaves the service: the contract's CloudEvent (and the OCSF Detection Finding made from it). */
    public AlertEvent toEvent() {
        return new AlertEvent(id, auditLogId, rule, severity, message, createdAt);
    }
}
