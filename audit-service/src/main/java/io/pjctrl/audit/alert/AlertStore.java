package io.pjctrl.audit.alert;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Inserts alerts with one statement (unnest), inside the caller's transaction, and notifies every instance's
 * {@link AlertFeed} when that transaction commits.
 */
@ApplicationScoped
public class AlertStore {

    /** The NOTIFY channel every instance LISTENs on; the payload is empty, the feed reads the table. */
    public static final String CHANNEL = "pjctrl_audit_alerts";

    /**
     * Held until commit, so stream positions (drawn by the insert that follows) commit in their order and a reader
     * resuming after position N never misses a smaller one committed later. Taken last in the ingest transaction (after
     * the rate-window lock), so only the insert-and-commit tail of transactions that raise alerts runs one at a time.
     */
    private static final String LOCK_AND_NOTIFY = "SELECT pg_advisory_xact_lock(hashtext('pjctrl.alerts.stream')), pg_notify('"
            + CHANNEL + "', '')";

    /**
     * Serialises the rate-alert count of concurrent ingest transactions (this instance's consumers, other replicas)
     * until commit. Without it two transactions that each add part of a burst both count only the committed rows
     * plus their own, and a threshold crossed by the two together raises no alert. The lock is taken after the
     * entries are inserted, so only the short count-and-alert tail of the transactions runs one at a time.
     */
    private static final String LOCK_RATE_WINDOW = "SELECT pg_advisory_xact_lock(hashtext('pjctrl.ingest.rate-alerts'))";

    private static final String INSERT = """
            INSERT INTO audit_alerts (id, audit_log_id, rule, severity, message, created_at)
            SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::timestamptz[])
            """;

    /** Takes the rate-alert lock until the caller's transaction ends. */
    public Uni<Void> lockRateWindow(SqlClient client) {
        return client.query(LOCK_RATE_WINDOW).execute().replaceWithVoid();
    }

    public Uni<Void> insert(SqlClient client, List<AlertRaised> alerts) {
        if (alerts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = alerts.size();
        UUID[] ids = new UUID[n];
        UUID[] logIds = new UUID[n];
        String[] rules = new String[n];
        String[] severities = new String[n];
        String[] messages = new String[n];
        OffsetDateTime[] created = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            AlertRaised a = alerts.get(i);
            ids[i] = a.id();
            logIds[i] = a.auditLogId();
            rules[i] = a.rule();
            severities[i] = a.severity();
            messages[i] = a.message();
            created[i] = a.createdAt().atOffset(ZoneOffset.UTC);
        }
        Tuple params = Tuple.tuple()
                .addValue(ids)
                .addValue(logIds)
                .addValue(rules)
                .addValue(severities)
                .addValue(messages)
                .addValue(created);
        return client.query(LOCK_AND_NOTIFY)
                .execute()
                .chain(() -> client.preparedQuery(INSERT).execute(params))
                .replaceWithVoid();
    }
}
