package io.pjctrl.audit.query;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Read-only access to audit_logs. Keyset SQL goes straight to the reactive PG client (STYLE rule 6): the row-value
 * comparison {@code (occurred_at, id) < ($a, $b)} against the (filter, occurred_at DESC, id DESC) indexes of V20 is
 * what keeps every page an index range scan however deep the paging goes; AuditLogQueryPlanTest EXPLAINs it.
 */
@ApplicationScoped
public class AuditLogRepository {

    static final String ORDER = " ORDER BY occurred_at DESC, id DESC";

    private final Pool pool;

    public AuditLogRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<StoredEntry>> page(AuditLogFilter filter, KeysetCursor after, int limit) {
        SqlQuery query = pageQuery(filter, after, limit);
        return pool.preparedQuery(query.sql())
                .execute(query.args())
                .map(AuditLogRepository::entries);
    }

    public Uni<Long> count(AuditLogFilter filter) {
        SqlQuery query = countQuery(filter);
        return pool.preparedQuery(query.sql())
                .execute(query.args())
                .map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<StoredEntry> findById(UUID id) {
        return pool.preparedQuery("SELECT " + StoredEntry.COLUMNS + " FROM audit_logs WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : StoredEntry.from(rows.iterator().next()));
    }

    /** Newest first, strictly after {@code after} (null: from the newest), at most {@code limit} rows. */
    public static SqlQuery pageQuery(AuditLogFilter filter, KeysetCursor after, int limit) {
        SqlWhere where = where(filter);
        if (after != null) {
            where.and("(occurred_at, id) < (?, ?)", after.at().atOffset(ZoneOffset.UTC), after.id());
        }
        String sql = "SELECT " + StoredEntry.COLUMNS + " FROM audit_logs" + where.clause() + ORDER + " LIMIT "
                + where.bind(limit);
        return new SqlQuery(sql, where.args());
    }

    public static SqlQuery countQuery(AuditLogFilter filter) {
        SqlWhere where = where(filter);
        return new SqlQuery("SELECT count(*) FROM audit_logs" + where.clause(), where.args());
    }

    /** Every row matching {@code filter}, newest first: the export's statement. */
    public static SqlQuery exportQuery(AuditLogFilter filter) {
        SqlWhere where = where(filter);
        return new SqlQuery("SELECT " + StoredEntry.COLUMNS + " FROM audit_logs" + where.clause() + ORDER, where.args());
    }

    static SqlWhere where(AuditLogFilter f) {
        SqlWhere where = new SqlWhere();
        if (f.eventTypes().size() == 1) {
            where.and("event_type = ?", f.eventTypes().get(0));
        } else if (!f.eventTypes().isEmpty()) {
            where.and("event_type = ANY(?)", (Object) f.eventTypes().toArray(String[]::new));
        }
        if (f.resourceType() != null) {
            where.and("resource_type = ?", f.resourceType());
        }
        if (f.resourceId() != null) {
            where.and("resource_id = ?", f.resourceId());
        }
        if (f.userId() != null) {
            where.and("user_id = ?", f.userId());
        }
        if (f.projectId() != null) {
            where.and("project_id = ?", f.projectId());
        }
        if (f.action() != null) {
            where.and("action = ?", f.action());
        }
        if (f.sensitivities().size() == 1) {
            where.and("sensitivity_level = ?", f.sensitivities().get(0));
        } else if (!f.sensitivities().isEmpty()) {
            where.and("sensitivity_level = ANY(?)", (Object) f.sensitivities().toArray(String[]::new));
        }
        if (f.from() != null) {
            where.and("occurred_at >= ?", f.from().atOffset(ZoneOffset.UTC));
        }
        if (f.to() != null) {
            where.and("occurred_at <= ?", f.to().atOffset(ZoneOffset.UTC));
        }
        return where;
    }

    private static List<StoredEntry> entries(Iterable<Row> rows) {
        List<StoredEntry> entries = new ArrayList<>();
        rows.forEach(row -> entries.add(StoredEntry.from(row)));
        return entries;
    }
}
