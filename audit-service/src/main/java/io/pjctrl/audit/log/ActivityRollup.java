package io.pjctrl.audit.log;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Merges audit_activity's rows (V46): every insert statement into audit_logs adds its own count rows, so a key (hour,
 * event type, resource type, action, sensitivity) that many small ingest batches touched has many rows until this
 * folds them into one. Readers sum the rows, so the answer is the same before and after; the merge is one statement
 * (rows deleted and their sum inserted) under a transaction-scoped advisory lock, so replicas never merge at once.
 */
@ApplicationScoped
public class ActivityRollup {

    /** pg_try_advisory_xact_lock key of the merge ("pjctrl-activity" folded into a bigint). */
    static final long LOCK = 0x706a_6374_726c_6163L;

    static final String MERGE = """
            WITH merged AS (
                SELECT hour, event_type, resource_type, action, sensitivity_level FROM audit_activity
                GROUP BY 1, 2, 3, 4, 5 HAVING count(*) > 1),
            gone AS (
                DELETE FROM audit_activity a USING merged m
                WHERE a.hour = m.hour AND a.event_type = m.event_type AND a.resource_type = m.resource_type
                  AND a.action = m.action AND a.sensitivity_level = m.sensitivity_level
                RETURNING a.*)
            INSERT INTO audit_activity (hour, event_type, resource_type, action, sensitivity_level, entries)
            SELECT hour, event_type, resource_type, action, sensitivity_level, sum(entries)
            FROM gone GROUP BY 1, 2, 3, 4, 5
            """;

    private final Pool pool;

    public ActivityRollup(Pool pool) {
        this.pool = pool;
    }

    @Scheduled(identity = "audit-activity-merge", every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return merge()
                .invoke(rows -> Log.debugf("Merged audit_activity into %d rows", rows))
                .onFailure()
                .invoke(e -> Log.warnf(e, "Merging audit_activity failed; the next run retries"))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Folds each key's rows into one; the number of rows written, or -1 when another replica holds the lock. */
    public Uni<Integer> merge() {
        return pool.withTransaction(connection -> connection.query("SELECT pg_try_advisory_xact_lock(" + LOCK + ")")
                .execute()
                .chain(locked -> locked.iterator().next().getBoolean(0)
                        ? connection.query(MERGE).execute().map(rows -> rows.rowCount())
                        : Uni.createFrom().item(-1)));
    }
}
