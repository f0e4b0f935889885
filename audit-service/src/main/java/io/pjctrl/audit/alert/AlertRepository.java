package io.pjctrl.audit.alert;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pjctrl.audit.sql.SqlWhere;
import io.pjctrl.audit.sql.Unnest;
import io.pjctrl.audit.web.ConflictProblem;
import io.pjctrl.audit.web.NotFoundProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The one owner of {@code audit_alerts}: inserts alerts with one statement (unnest) inside the caller's transaction
 * and notifies every instance's {@link AlertFeed} when that transaction commits; reads pages (keyset on
 * (created_at, id)) and the stream after a position; acknowledges. SQL on the reactive client.
 */
@ApplicationScoped
public class AlertRepository {

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

    private static final String STREAM_AFTER = "SELECT stream_position, " + AlertView.COLUMNS
            + " FROM audit_alerts WHERE stream_position > $1 ORDER BY stream_position LIMIT $2";
    private static final String STREAM_HEAD = "SELECT coalesce(max(stream_position), 0) FROM audit_alerts";
    private static final String ACKNOWLEDGE = "UPDATE audit_alerts SET acknowledged_at = $2, acknowledged_by = $3, note = $4"
            + " WHERE id = $1 AND acknowledged_at IS NULL RETURNING " + AlertView.COLUMNS;
    private static final String ACKNOWLEDGED_AT = "SELECT acknowledged_at FROM audit_alerts WHERE id = $1";

    private static final String INSERT = """
            INSERT INTO audit_alerts (id, audit_log_id, rule, severity, message, created_at)
            SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::timestamptz[])
            """;

    private final Pool pool;

    public AlertRepository(Pool pool) {
        this.pool = pool;
    }

    /** Takes the rate-alert lock until the caller's transaction ends. */
    public Uni<Void> lockRateWindow(SqlClient client) {
        return client.query(LOCK_RATE_WINDOW).execute().replaceWithVoid();
    }

    public Uni<Void> insert(SqlClient client, List<AlertRaised> alerts) {
        if (alerts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Tuple params = Unnest.<AlertRaised>of()
                .column(UUID[]::new, AlertRaised::id)
                .column(UUID[]::new, AlertRaised::auditLogId)
                .column(String[]::new, AlertRaised::rule)
                .column(String[]::new, AlertRaised::severity)
                .column(String[]::new, AlertRaised::message)
                .column(OffsetDateTime[]::new, a -> a.createdAt().atOffset(ZoneOffset.UTC))
                .tuple(alerts);
        return client.query(LOCK_AND_NOTIFY)
                .execute()
                .chain(() -> client.preparedQuery(INSERT).execute(params))
                .replaceWithVoid();
    }

    /** Up to {@code limit + 1} alerts matching {@code where} (already holding any cursor condition), newest first. */
    public Uni<List<AlertView>> page(SqlWhere where, int limit) {
        String sql = "SELECT " + AlertView.COLUMNS + " FROM audit_alerts" + where.clause()
                + " ORDER BY created_at DESC, id DESC LIMIT " + where.bind(limit + 1);
        return pool.preparedQuery(sql)
                .execute(where.args())
                .map(rows -> {
                    List<AlertView> items = new ArrayList<>();
                    rows.forEach(row -> items.add(AlertView.from(row)));
                    return items;
                });
    }

    /**
     * Acknowledges once: the conditional UPDATE makes two concurrent acknowledgements end as one 200 and one 409,
     * never as two overwritten notes.
     */
    public Uni<AlertView> acknowledge(UUID id, UUID by, String note, Instant at) {
        return pool.preparedQuery(ACKNOWLEDGE)
                .execute(Tuple.of(id, at.atOffset(ZoneOffset.UTC), by, note))
                .chain(rows -> rows.size() == 1
                        ? Uni.createFrom().item(AlertView.from(rows.iterator().next()))
                        : whyNotAcknowledged(id));
    }

    private Uni<AlertView> whyNotAcknowledged(UUID id) {
        return pool.preparedQuery(ACKNOWLEDGED_AT)
                .execute(Tuple.of(id))
                .chain(rows -> Uni.createFrom().failure(rows.size() == 0
                        ? new NotFoundProblem("alert", id)
                        : new ConflictProblem("alert " + id + " was already acknowledged at "
                                + rows.iterator().next().getOffsetDateTime("acknowledged_at").toInstant())));
    }

    /** Up to {@code limit} stored alerts after stream {@code position}, oldest first. */
    public Uni<List<StreamedAlert.Alert>> streamAfter(long position, int limit) {
        return pool.preparedQuery(STREAM_AFTER)
                .execute(Tuple.of(position, limit))
                .map(rows -> {
                    List<StreamedAlert.Alert> alerts = new ArrayList<>();
                    rows.forEach(
                            row -> alerts.add(new StreamedAlert.Alert(row.getLong("stream_position"), AlertView.from(row))));
                    return alerts;
                });
    }

    /** The highest stream position stored, 0 when there is none. */
    public Uni<Long> streamHead() {
        return pool.query(STREAM_HEAD).execute().map(rows -> rows.iterator().next().getLong(0));
    }
}
