package io.pjctrl.audit.verify;

import jakarta.enterprise.context.ApplicationScoped;

import io.pjctrl.audit.AuditServiceConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Verifies the whole log every {@code pjctrl.verify.scheduled-interval} (off unless configured; 1h in prod) through
 * the same {@link VerifyService#verify} as the API, so an invalid log also raises the verification alert, and
 * publishes the outcome as gauges ({@link VerifyMetrics}). It reconciles every chain with its partition unless
 * {@code pjctrl.verify.scheduled-reconcile=false}.
 * <p>
 * One replica at a time: a run first takes a session-level PostgreSQL advisory lock without waiting
 * ({@link #TRY_LOCK}) on a connection it holds for the run. A replica that does not get it skips the run (DEBUG log,
 * {@link VerifyMetrics#skipped}), since another replica is walking the same log that moment. The lock goes with the
 * session, so a replica that dies mid-run frees it.
 */
@ApplicationScoped
public class ScheduledVerification {

    static final String TRY_LOCK = "SELECT pg_try_advisory_lock(hashtext('pjctrl.verify.scheduled')) AS locked";
    private static final String UNLOCK = "SELECT pg_advisory_unlock(hashtext('pjctrl.verify.scheduled'))";

    /** What a trigger did: ran the verification to the end, skipped it, or could not finish it. */
    enum Outcome {
        RAN, SKIPPED, FAILED
    }

    private final VerifyService verifier;
    private final VerifyMetrics metrics;
    private final Pool pool;
    private final boolean reconcile;

    public ScheduledVerification(VerifyService verifier, VerifyMetrics metrics, Pool pool, AuditServiceConfig config) {
        this.verifier = verifier;
        this.metrics = metrics;
        this.pool = pool;
        this.reconcile = config.verify().scheduledReconcile();
    }

    @Scheduled(identity = "whole-log-verification", every = "${pjctrl.verify.scheduled-interval}", delayed = "${pjctrl.verify.scheduled-delay}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return trigger().replaceWithVoid();
    }

    Uni<Outcome> trigger() {
        return pool.withConnection(connection -> connection.query(TRY_LOCK).execute()
                .map(rows -> rows.iterator().next().getBoolean("locked"))
                .flatMap(locked -> locked ? verifyHolding(connection) : skip()))
                .onFailure().invoke(e -> Log.warnf(e, "Scheduled verification did not finish"))
                .onFailure().invoke(metrics::failed)
                .onFailure().recoverWithItem(Outcome.FAILED);
    }

    private Uni<Outcome> verifyHolding(SqlConnection connection) {
        return verifier.verify(VerifyScope.of(new VerifyRequest(null, null, null, null, reconcile)))
                .invoke(metrics::finished)
                .invoke(report -> Log.infof("Scheduled verification: %s, %d entries, %d failures", report.status(),
                        report.checked(), report.failures().size()))
                .replaceWith(Outcome.RAN)
                .onTermination().call(() -> connection.query(UNLOCK).execute()
                        .onFailure().invoke(e -> Log.warnf(e, "Scheduled verification: advisory unlock failed"))
                        .onFailure().recoverWithNull());
    }

    private Uni<Outcome> skip() {
        Log.debug("Scheduled verification skipped: another replica holds the verification lock and is running it");
        metrics.skipped();
        return Uni.createFrom().item(Outcome.SKIPPED);
    }
}
