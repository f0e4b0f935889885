package io.pjctrl.audit.history;

import java.time.Instant;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pjctrl.audit.AuditServiceConfig;
import io.pjctrl.audit.query.EntryStreams;
import io.pjctrl.audit.query.SqlQuery;
import io.pjctrl.audit.query.SqlWhere;
import io.pjctrl.audit.query.StoredEntry;
import io.pjctrl.audit.web.NotFoundProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** A resource's timeline and its state at an instant, both from the audit log alone. */
@ApplicationScoped
public class HistoryService {

    private final Pool pool;
    private final EntryStreams streams;
    private final ObjectMapper json;
    private final int maxEntries;

    public HistoryService(Pool pool, EntryStreams streams, ObjectMapper json, AuditServiceConfig config) {
        this.pool = pool;
        this.streams = streams;
        this.json = json;
        this.maxEntries = config.api().historyMaxEntries();
    }

    public Uni<ResourceHistory> history(String type, String id, Instant asOf) {
        return exists(type, id)
                .chain(found -> found
                        ? fold(type, id, asOf)
                        : Uni.createFrom().failure(new NotFoundProblem("resource", type + "/" + id)));
    }

    private Uni<ResourceHistory> fold(String type, String id, Instant asOf) {
        return streams.stream(timeline(type, id, asOf))
                .collect()
                .in(() -> new HistoryFold(json, maxEntries), HistoryFold::add)
                .map(fold -> new ResourceHistory(type, id, asOf, fold.entries(), fold.truncated(),
                        asOf == null ? null : fold.state()));
    }

    private Uni<Boolean> exists(String type, String id) {
        return pool.preparedQuery("SELECT 1 FROM audit_logs WHERE resource_type = $1 AND resource_id = $2 LIMIT 1")
                .execute(Tuple.of(type, id))
                .map(rows -> rows.size() > 0);
    }

    /** Oldest first; aggregate_version orders changes that share an occurred_at, seq then makes it total. */
    static SqlQuery timeline(String type, String id, Instant asOf) {
        SqlWhere where = new SqlWhere()
                .and("resource_type = ?", type)
                .and("resource_id = ?", id);
        if (asOf != null) {
            where.and("occurred_at <= ?", asOf.atOffset(ZoneOffset.UTC));
        }
        return new SqlQuery("SELECT " + StoredEntry.COLUMNS + " FROM audit_logs" + where.clause()
                + " ORDER BY occurred_at, aggregate_version, chain_id, seq", where.args());
    }
}
