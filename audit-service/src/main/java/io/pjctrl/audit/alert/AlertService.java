package io.pjctrl.audit.alert;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pjctrl.contract.chain.Timestamps;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** Raises alerts that no ingested entry raised, e.g. a failed integrity verification. */
@ApplicationScoped
public class AlertService {

    public static final String RULE_INTEGRITY = "integrity_verification_failed";

    private final Pool pool;
    private final AlertRepository repository;
    private final AlertPublisher publisher;

    public AlertService(Pool pool, AlertRepository repository, AlertPublisher publisher) {
        this.pool = pool;
        this.repository = repository;
        this.publisher = publisher;
    }

    /** Stores, publishes and fires an alert with audit_log_id null. */
    public Uni<AlertRaised> raise(String rule, String severity, String message) {
        AlertRaised alert = new AlertRaised(UUID.randomUUID(), null, rule, Severity.require(severity, "severity"), message,
                Timestamps.truncate(Instant.now()));
        return pool.withTransaction(connection -> repository.insert(connection, List.of(alert)))
                .call(() -> publisher.published(List.of(alert)))
                .replaceWith(alert);
    }

    /** A critical {@value #RULE_INTEGRITY} alert. */
    public Uni<AlertRaised> integrityVerificationFailed(String message) {
        return raise(RULE_INTEGRITY, "critical", message);
    }
}
