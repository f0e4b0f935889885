package io.pjctrl.audit.alert;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pjctrl.audit.log.CursorCodec;
import io.pjctrl.audit.log.KeysetCursor;
import io.pjctrl.audit.sql.SqlWhere;
import io.smallrye.mutiny.Uni;

/** Listing and acknowledging alerts: filters and keyset paging on (created_at, id) like the log, over {@link AlertRepository}. */
@ApplicationScoped
public class AlertListing {

    private final AlertRepository alerts;
    private final CursorCodec cursors;

    public AlertListing(AlertRepository alerts, CursorCodec cursors) {
        this.alerts = alerts;
        this.cursors = cursors;
    }

    public Uni<AlertPage> page(AlertFilter filter, String cursor, int limit) {
        String scope = "alerts|" + filter;
        SqlWhere where = where(filter);
        if (cursor != null) {
            KeysetCursor after = cursors.decode(cursor, scope, "cursor");
            where.and("(created_at, id) < (?, ?)", after.at().atOffset(ZoneOffset.UTC), after.id());
        }
        return alerts.page(where, limit).map(rows -> toPage(rows, limit, scope));
    }

    /** Acknowledges once; a second acknowledgement is a 409 that leaves the first untouched. */
    public Uni<AlertView> acknowledge(UUID id, UUID by, String note) {
        return alerts.acknowledge(id, by, note, Instant.now());
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
