package io.pjctrl.audit.log;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pjctrl.audit.sql.Rows;
import io.pjctrl.audit.sql.SqlQuery;
import io.pjctrl.audit.sql.SqlWhere;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Every read of audit_logs: the query API's pages, the export's and history's streams, verify's chain walks, the
 * logout check and the ingest's rate counts ({@link AuditLogWriter} holds the writes). SQL goes straight to the
 * reactive PG client (STYLE rule 6): the row-value comparison {@code (occurred_at, id) < ($a, $b)} against the
 * (filter, occurred_at DESC, id DESC) indexes of V20 is what keeps every page an index range scan however deep the
 * paging goes; AuditLogQueryPlanTest EXPLAINs it. audit_logs is partitioned by month of occurred_at (V43): a from/to
 * filter reads only the partitions of the months in range, and the newest-first order reads partitions newest first
 * and stops at the page's end.
 */
@ApplicationScoped
public class AuditLogRepository {

    static final String ORDER = " ORDER BY occurred_at DESC, id DESC";

    /** Distinct chain ids by a skip scan of the (chain_id, seq) index: one probe per chain, not a scan of the log. */
    private static final String CHAINS = """
            WITH RECURSIVE chains AS (
                (SELECT chain_id FROM audit_logs ORDER BY chain_id LIMIT 1)
                UNION ALL
                SELECT (SELECT l.chain_id FROM audit_logs l WHERE l.chain_id > chains.chain_id ORDER BY l.chain_id LIMIT 1)
                FROM chains WHERE chains.chain_id IS NOT NULL)
            SELECT chain_id FROM chains WHERE chain_id IS NOT NULL
            """;

    private static final String LOGGED_OUT_SINCE = """
            SELECT EXISTS (SELECT 1 FROM audit_logs
                           WHERE event_type = 'user.logout' AND resource_type = 'user' AND resource_id = $1
                             AND occurred_at >= $2)
            """;

    /**
     * Events of the given types per actor (user id, else request IP) since a per-actor instant. $4, the earliest of those
     * instants, bounds occurred_at once for the whole statement so only the partitions of the window's months are read.
     */
    private static final String RATE_COUNTS = """
            SELECT a.actor, count(*) AS n
            FROM unnest($1::text[], $2::timestamptz[]) AS a(actor, since)
            JOIN audit_logs l ON l.event_type = ANY($3::text[])
                             AND coalesce(l.user_id::text, l.request_metadata ->> 'ip') = a.actor
                             AND l.occurred_at >= a.since
                             AND l.occurred_at >= $4
            GROUP BY a.actor
            """;

    private static final String VERSION_GAPS = "SELECT g.resource_type, g.resource_id, g.expected_version,"
            + " g.received_version, g.event_id, l.id AS entry_id, l.chain_id, l.seq FROM audit_version_gaps g"
            + " LEFT JOIN audit_log_keys l ON l.event_id = g.event_id ORDER BY g.detected_at, g.id";

    /**
     * One entry by id: audit_log_keys gives its occurred_at, so only its month's partition is read (run-time pruning)
     * through the (occurred_at DESC, id DESC) index; the partitions have no index on id alone.
     */
    private static final String BY_ID = "SELECT " + StoredEntry.COLUMNS + " FROM audit_logs WHERE id = $1"
            + " AND occurred_at = (SELECT k.occurred_at FROM audit_log_keys k WHERE k.id = $1)";

    /** {@code entries} matching rows of one sensitivity level in bucket {@code bucket} (0-based) of the stats. */
    public record BucketCount(int bucket, String sensitivity, long entries) {
    }

    /** A recorded version gap, with the stored entry of the event that revealed it (null if it is not stored). */
    public record RecordedGap(String resourceType, String resourceId, long expected, long received, UUID eventId,
            UUID entryId, String chainId, long seq) {
    }

    private final Pool pool;
    private final EntryStreams streams;

    public AuditLogRepository(Pool pool, EntryStreams streams) {
        this.pool = pool;
        this.streams = streams;
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
        return pool.preparedQuery(BY_ID)
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : StoredEntry.from(rows.iterator().next()));
    }

    /** Every entry matching {@code filter}, newest first, streamed from one snapshot (the export). */
    public Multi<StoredEntry> stream(AuditLogFilter filter) {
        return streams.stream(exportQuery(filter));
    }

    public Uni<Boolean> resourceExists(String type, String id) {
        return pool.preparedQuery("SELECT 1 FROM audit_logs WHERE resource_type = $1 AND resource_id = $2 LIMIT 1")
                .execute(Tuple.of(type, id))
                .map(rows -> rows.size() > 0);
    }

    /** A resource's entries up to {@code asOf} (null: all), oldest first (see {@link #timelineQuery}). */
    public Multi<StoredEntry> timeline(String type, String id, Instant asOf) {
        return streams.stream(timelineQuery(type, id, asOf));
    }

    /** Oldest first; aggregate_version orders changes that share an occurred_at, seq then makes it total. */
    public static SqlQuery timelineQuery(String type, String id, Instant asOf) {
        SqlWhere where = new SqlWhere()
                .and("resource_type = ?", type)
                .and("resource_id = ?", id);
        if (asOf != null) {
            where.and("occurred_at <= ?", asOf.atOffset(ZoneOffset.UTC));
        }
        return new SqlQuery("SELECT " + StoredEntry.COLUMNS + " FROM audit_logs" + where.clause()
                + " ORDER BY occurred_at, aggregate_version, chain_id, seq", where.args());
    }

    /** Ids of the chains that hold entries, in order. */
    public Uni<List<String>> chainIds() {
        return pool.query(CHAINS)
                .execute()
                .map(Rows::strings);
    }

    public Uni<Boolean> chainExists(String chainId) {
        return pool.preparedQuery("SELECT EXISTS (SELECT 1 FROM audit_logs WHERE chain_id = $1)")
                .execute(Tuple.of(chainId))
                .map(Rows::singleBoolean);
    }

    /** The stored checksum of one entry, or null when the chain has no entry at {@code seq}. */
    public Uni<String> checksumAt(String chainId, long seq) {
        return pool.preparedQuery("SELECT checksum FROM audit_logs WHERE chain_id = $1 AND seq = $2")
                .execute(Tuple.of(chainId, seq))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("checksum"));
    }

    /** A chain's entries from {@code fromSeq} to {@code toSeq} in seq order, streamed from one snapshot. */
    public Multi<StoredEntry> chain(String chainId, long fromSeq, long toSeq) {
        return streams.stream(chainQuery(chainId, fromSeq, toSeq));
    }

    /**
     * A chain's seq range: a Merge Append of one (chain_id, seq) index range per partition, since a chain's entries
     * lie in every month it has events of (one index descent per partition, then a merge by seq).
     */
    public static SqlQuery chainQuery(String chainId, long fromSeq, long toSeq) {
        return new SqlQuery("SELECT " + StoredEntry.COLUMNS
                + " FROM audit_logs WHERE chain_id = $1 AND seq BETWEEN $2 AND $3 ORDER BY seq",
                Tuple.of(chainId, fromSeq, toSeq));
    }

    /** Whether the log holds a logout of user {@code userId} at or after {@code since}. */
    public Uni<Boolean> loggedOutSince(String userId, Instant since) {
        return pool.preparedQuery(LOGGED_OUT_SINCE)
                .execute(Tuple.of(userId, since.atOffset(ZoneOffset.UTC)))
                .map(Rows::singleBoolean);
    }

    /**
     * Per actor (user id, else request IP): the stored events of {@code eventTypes} since that actor's instant. Runs
     * in the caller's ingest transaction, so it counts the batch just inserted.
     */
    public Uni<Map<String, Long>> rateCounts(SqlClient client, String[] actors, OffsetDateTime[] since,
            String[] eventTypes) {
        OffsetDateTime earliest = Arrays.stream(since).min(OffsetDateTime::compareTo)
                .orElse(Instant.EPOCH.atOffset(ZoneOffset.UTC));
        return client.preparedQuery(RATE_COUNTS)
                .execute(Tuple.of(actors, since, eventTypes, earliest))
                .map(rows -> {
                    Map<String, Long> counts = new HashMap<>();
                    rows.forEach(row -> counts.put(row.getString(0), row.getLong(1)));
                    return counts;
                });
    }

    /** Every recorded version gap, oldest first. */
    public Uni<List<RecordedGap>> versionGaps() {
        return pool.query(VERSION_GAPS)
                .execute()
                .map(rows -> Rows.list(rows, r -> new RecordedGap(r.getString("resource_type"), r.getString("resource_id"),
                        r.getLong("expected_version"), r.getLong("received_version"), r.getUUID("event_id"),
                        r.getUUID("entry_id"), r.getString("chain_id"), r.getLong("seq"))));
    }

    /**
     * Matching rows per bucket and sensitivity level, {@code starts} being the buckets' starts, oldest first; the filter
     * must bound from and to (only the partitions of the range's months are read). See {@link #activityQuery}.
     */
    public Uni<List<BucketCount>> activity(AuditLogFilter filter, List<Instant> starts) {
        SqlQuery query = activityQuery(filter, starts);
        return pool.preparedQuery(query.sql())
                .execute(query.args())
                .map(rows -> Rows.list(rows, r -> new BucketCount(r.getInteger(0) - 1, r.getString(1), r.getLong(2))));
    }

    /**
     * width_bucket against the bucket starts (computed by the caller in the requested zone) puts each row or hour into
     * its bucket by a binary search. When the filter names no resource, user or project and the buckets start on UTC
     * hours, the whole hours of the range are read from audit_activity (V46: one row per hour and event type) and only
     * the partial hours at its ends from audit_logs; otherwise the matching rows of audit_logs are counted through the
     * filter's index, like a page's.
     */
    public static SqlQuery activityQuery(AuditLogFilter filter, List<Instant> starts) {
        OffsetDateTime[] thresholds = starts.stream().map(s -> s.atOffset(ZoneOffset.UTC)).toArray(OffsetDateTime[]::new);
        if (!rollupServes(filter, starts)) {
            SqlWhere where = where(filter);
            String bounds = where.bind(thresholds);
            return new SqlQuery("SELECT width_bucket(occurred_at, " + bounds + "::timestamptz[]) AS bucket,"
                    + " sensitivity_level, count(*) FROM audit_logs" + where.clause() + " GROUP BY 1, 2", where.args());
        }
        Instant from = filter.from();
        Instant to = filter.to();
        // [lo, hi): the whole UTC hours inside from..to; the rows before lo and from hi on are counted one by one.
        Instant lo = ceilHour(from);
        Instant hi = to.plus(1, ChronoUnit.MICROS).truncatedTo(ChronoUnit.HOURS);
        if (!lo.isBefore(hi)) {
            lo = from;
            hi = from;
        }
        SqlWhere dims = where(filter.withRange(null, null));
        String matching = dims.conditions();
        String bounds = dims.bind(thresholds);
        String pFrom = dims.bind(from.atOffset(ZoneOffset.UTC));
        String pTo = dims.bind(to.atOffset(ZoneOffset.UTC));
        String pLo = dims.bind(lo.atOffset(ZoneOffset.UTC));
        String pHi = dims.bind(hi.atOffset(ZoneOffset.UTC));
        String sql = "SELECT width_bucket(t, " + bounds + "::timestamptz[]) AS bucket, s, sum(n)::bigint FROM ("
                + "SELECT hour AS t, sensitivity_level AS s, entries AS n FROM audit_activity WHERE " + matching
                + " AND hour >= " + pLo + " AND hour < " + pHi
                + " UNION ALL SELECT occurred_at, sensitivity_level, 1 FROM audit_logs WHERE " + matching
                + " AND occurred_at >= " + pFrom + " AND occurred_at < " + pLo
                + " UNION ALL SELECT occurred_at, sensitivity_level, 1 FROM audit_logs WHERE " + matching
                + " AND occurred_at >= " + pHi + " AND occurred_at <= " + pTo + ") counted GROUP BY 1, 2";
        return new SqlQuery(sql, dims.args());
    }

    /** audit_activity keeps event_type, resource_type, action and sensitivity_level per UTC hour, nothing finer. */
    static boolean rollupServes(AuditLogFilter f, List<Instant> starts) {
        return f.resourceId() == null && f.userId() == null && f.projectId() == null && f.from() != null
                && f.to() != null && starts.stream().allMatch(s -> s.equals(s.truncatedTo(ChronoUnit.HOURS)));
    }

    private static Instant ceilHour(Instant at) {
        Instant floor = at.truncatedTo(ChronoUnit.HOURS);
        return floor.equals(at) ? at : floor.plus(1, ChronoUnit.HOURS);
    }

    /** Newest first, strictly after {@code after} (null: from the newest), at most {@code limit} rows. */
    public static SqlQuery pageQuery(AuditLogFilter filter, KeysetCursor after, int limit) {
        SqlWhere where = where(filter);
        if (after != null) {
            OffsetDateTime at = after.at().atOffset(ZoneOffset.UTC);
            // The row comparison alone does not prune partitions; the redundant bound on occurred_at does: a later page
            // skips the months after its cursor.
            where.and("(occurred_at, id) < (?, ?)", at, after.id()).and("occurred_at <= ?", at);
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
        return Rows.list(rows, StoredEntry::from);
    }
}
