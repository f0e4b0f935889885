package io.pjctrl.audit.alert;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pjctrl.audit.log.CursorCodec;
import io.pjctrl.audit.log.KeysetCursor;
import io.pjctrl.audit.sql.SqlWhere;
import io.pjctrl.audit.web.ConflictProblem;
import io.pjctrl.audit.web.NotFoundProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Listing and acknowledging alerts (SQL on the reactive client; keyset paging on (created_at, id) like the log). */
@ApplicationScoped
public class AlertListing {

    private final Pool pool;
    private final CursorCodec cursors;

    public AlertListing(Pool pool, CursorCodec cursors) {
        this.pool = pool;
        this.cursors = cursors;
    }

    public Uni<AlertPage> page(AlertFilter filter, String cursor, int limit) {
        String scope = "alerts|" + filter;
        SqlWhere where = where(filter);
        if (cursor != null) {
            KeysetCursor after = cursors.decode(cursor, scope, "cursor");
            where.and("(created_at, id) < (?, ?)", after.at().atOffset(ZoneOffset.UTC), after.id());
        }
        String sql = "SELECT " + AlertView.COLUMNS + " FROM audit_alerts" + where.clause()
                + " ORDER BY created_at DESC, id DESC LIMIT " + where.bind(limit + 1);
        return pool.preparedQuery(sql)
                .execute(where.args())
                .map(rows -> {
                    List<AlertView> items = new ArrayList<>();
                    rows.forEach(row -> items.add(AlertView.from(row)));
                    return toPage(items, limit, scope);
                });
    }

    /**
     * Acknowledges once: the conditional UPDATE makes two concurrent acknowledgements end as one 200 and one 409,
     * never as two overwritten notes.
     */
    public Uni<AlertView> acknowledge(UUID id, UUID by, String note) {
        return pool.preparedQuery("UPDATE audit_alerts SET acknowledged_at = $2, acknowledged_by = $3, note = $4"
                + " WHERE id = $1 AND acknowledged_at IS NULL RETURNING " + AlertView.COLUMNS)
                .execute(Tuple.of(id, Instant.now().atOffset(ZoneOffset.UTC), by, note))
                .chain(rows -> rows.size() == 1
                        ? Uni.createFrom().item(AlertView.from(rows.iterator().next()))
                        : whyNotAcknowledged(id));
    }

    private Uni<AlertView> whyNotAcknowledged(UUID id) {
        return pool.preparedQuery("SELECT acknowledged_at FROM audit_alerts WHERE id = $1")
                .execute(Tuple.of(id))
                .chain(rows -> Uni.createFrom().failure(rows.size() == 0
                        ? new NotFoundProblem("alert", id)
                        : new ConflictProblem("alert " + id + " was already acknowledged at "
                                + rows.iterator().next().getOffsetDateTime("acknowledged_at").toInstant())));
    }

    private static SqlWhere where(AlertFilter f) {
        SqlWhere where = new SqlWhere();
        if (f.acknowledged() != null) {
            where.and(f.acknowledged() ? "acknowledged_at IS NOT NULL" : "acknowledged_at IS NULL");
        }
        if (!f.severities().isEmpty()) {
            where.and("severity = ANY(?)", (Object) f.severities().toArray(String[]::new));
        }
        if (f.rule() != null) {
            where.and("rule = ?", f.rule());
        }
        if (f.from() != null) {
            where.and("created_at >= ?", f.from().atOffset(ZoneOffset.UTC));
        }
        if (f.to() != null) {
            where.and("created_at <= ?", f.to().atOffset(ZoneOffset.UTC));
        }
        return where;
    }

    private AlertPage toPage(List<AlertView> rows, int limit, String scope) {
        if (rows.size() <= limit) {
            return new AlertPage(rows, null);
        }
        List<AlertView> items = rows.subList(0, limit);
        AlertView last = items.get(limit - 1);
        return new AlertPage(items, cursors.encode(new KeysetCursor(last.createdAt(), last.id()), scope));
    }
}
