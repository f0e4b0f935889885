package io.pjctrl.audit.privacy;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pjctrl.audit.sql.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The SQL of retention: the months of audit_logs and what they hold, and audit_archives / audit_archived_ranges
 * (V45), which only this class writes. A month is always addressed by its occurred_at bounds, so every statement
 * reads one partition (pruning) without naming it.
 */
@ApplicationScoped
public class RetentionRepository {

    private static final String MONTHS = "SELECT month FROM audit_log_partitions WHERE month < $1 ORDER BY month";

    private static final String SUMMARY = """
            SELECT count(*) AS entries,
                   max(CASE sensitivity_level WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 ELSE 4 END) AS rank
            FROM audit_logs WHERE occurred_at >= $1 AND occurred_at < $2
            """;

    private static final String RANGES = """
            WITH mine AS (SELECT chain_id, min(seq) AS lo, max(seq) AS hi, count(*) AS n
                          FROM audit_logs WHERE occurred_at >= $1 AND occurred_at < $2 GROUP BY chain_id)
            SELECT m.chain_id, m.lo, m.hi, m.n,
                   (SELECT l.prev_checksum FROM audit_logs l WHERE l.chain_id = m.chain_id AND l.seq = m.lo
                      AND l.occurred_at >= $1 AND l.occurred_at < $2) AS first_prev,
                   (SELECT l.checksum FROM audit_logs l WHERE l.chain_id = m.chain_id AND l.seq = m.hi
                      AND l.occurred_at >= $1 AND l.occurred_at < $2) AS last_checksum,
                   (SELECT min(l.seq) FROM audit_logs l WHERE l.chain_id = m.chain_id
                      AND (l.occurred_at < $1 OR l.occurred_at >= $2)) AS rest_min,
                   coalesce((SELECT max(a.last_seq) FROM audit_archived_ranges a WHERE a.chain_id = m.chain_id), 0)
                      AS archived_through
            FROM mine m ORDER BY m.chain_id
            """;

    /** The holds (given as parallel arrays) that match at least one entry of the month. */
    private static final String HELD = """
            SELECT h.id FROM unnest($3::uuid[], $4::uuid[], $5::uuid[]) AS h(id, user_id, project_id)
            WHERE EXISTS (SELECT 1 FROM audit_logs l WHERE l.occurred_at >= $1 AND l.occurred_at < $2
                          AND (l.user_id = h.user_id OR l.project_id = h.project_id
                               OR (l.resource_type = 'user' AND l.resource_id = h.user_id::text)))
            """;

    /** Checked again in the dropping transaction: a hold placed while the month was being archived keeps it. */
    private static final String HELD_NOW = """
            SELECT h.id FROM audit_legal_holds h WHERE h.released_at IS NULL
              AND EXISTS (SELECT 1 FROM audit_logs l WHERE l.occurred_at >= $1 AND l.occurred_at < $2
                          AND (l.user_id = h.user_id OR l.project_id = h.project_id
                               OR (l.resource_type = 'user' AND l.resource_id = h.user_id::text)))
            """;

    private static final String INSERT_ARCHIVE = "INSERT INTO audit_archives (month, file_name, sha256, entries, archived_at)"
            + " VALUES ($1, $2, $3, $4, $5)";
    private static final String INSERT_RANGES = """
            INSERT INTO audit_archived_ranges (chain_id, month, first_seq, last_seq, first_prev_checksum, last_checksum,
                                               entries)
            SELECT c, $2, f, l, p, s, n FROM unnest($1::text[], $3::int8[], $4::int8[], $5::text[], $6::text[], $7::int8[])
                AS r(c, f, l, p, s, n)
            """;
    private static final String DROP = "SELECT audit_logs_drop_partition($1) AS dropped";
    /**
     * The openings of the month's personal values (V44) go before its entries: past retention no value is kept, and the
     * archive carries the bare commitments (the entries exactly as stored).
     */
    private static final String FORGET_OPENINGS = "DELETE FROM audit_personal_values v USING audit_logs l"
            + " WHERE l.id = v.entry_id AND l.occurred_at >= $1 AND l.occurred_at < $2";
    /** The activity chart's counts of the dropped month (V46's derived rollup, not the log) go with it. */
    private static final String FORGET_ACTIVITY = "DELETE FROM audit_activity WHERE hour >= $1 AND hour < $2";

    private static final String ARCHIVED_THROUGH = """
            SELECT DISTINCT ON (chain_id) chain_id, last_seq, last_checksum FROM audit_archived_ranges
            ORDER BY chain_id, last_seq DESC
            """;
    private static final String ARCHIVES = "SELECT month, file_name, sha256, entries, archived_at FROM audit_archives"
            + " ORDER BY month";

    private final Pool pool;

    public RetentionRepository(Pool pool) {
        this.pool = pool;
    }

    /** The months with a partition before {@code before}, oldest first. */
    Uni<List<YearMonth>> monthsBefore(YearMonth before) {
        return pool.preparedQuery(MONTHS)
                .execute(Tuple.of(before.atDay(1)))
                .map(rows -> Rows.list(rows, row -> YearMonth.from(row.getLocalDate("month"))));
    }

    /** How many entries the month holds and the rank (1 low .. 4 critical) of its most sensitive one (0: empty). */
    Uni<long[]> summary(YearMonth month) {
        return pool.preparedQuery(SUMMARY)
                .execute(bounds(month))
                .map(rows -> {
                    var row = rows.iterator().next();
                    Integer rank = row.getInteger("rank");
                    return new long[]{row.getLong("entries"), rank == null ? 0 : rank};
                });
    }

    Uni<List<MonthRange>> ranges(YearMonth month) {
        return pool.preparedQuery(RANGES)
                .execute(bounds(month))
                .map(rows -> Rows.list(rows, row -> new MonthRange(row.getString("chain_id"), row.getLong("lo"),
                        row.getLong("hi"), row.getLong("n"), row.getString("first_prev"), row.getString("last_checksum"),
                        row.getLong("rest_min"), row.getLong("archived_through"))));
    }

    /** The ids of the holds that match an entry of the month. */
    Uni<List<UUID>> held(YearMonth month, List<Hold> holds) {
        if (holds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Tuple args = bounds(month)
                .addArrayOfUUID(holds.stream().map(Hold::id).toArray(UUID[]::new))
                .addArrayOfUUID(holds.stream().map(Hold::userId).toArray(UUID[]::new))
                .addArrayOfUUID(holds.stream().map(Hold::projectId).toArray(UUID[]::new));
        return pool.preparedQuery(HELD)
                .execute(args)
                .map(rows -> Rows.list(rows, row -> row.getUUID("id")));
    }

    /**
     * In one transaction: records the archive and each chain's archived range, then detaches and drops the month's
     * partition ({@code audit_logs_drop_partition}, V45). If any step fails nothing is recorded and the month stays.
     */
    Uni<Boolean> recordAndDrop(YearMonth month, ArchiveFile archive, List<MonthRange> ranges) {
        LocalDate first = month.atDay(1);
        return pool.withTransaction(client -> client.preparedQuery(HELD_NOW)
                .execute(bounds(month))
                .invoke(rows -> {
                    if (rows.size() > 0) {
                        throw new IllegalStateException("a legal hold placed while " + month
                                + " was being archived matches it (" + rows.iterator().next().getUUID("id")
                                + "): not dropped");
                    }
                })
                .chain(() -> client.preparedQuery(INSERT_ARCHIVE)
                        .execute(Tuple.of(first, archive.fileName(), archive.sha256(), archive.entries(),
                                archive.archivedAt().atOffset(ZoneOffset.UTC))))
                .chain(() -> client.preparedQuery(INSERT_RANGES)
                        .execute(Tuple.tuple()
                                .addArrayOfString(ranges.stream().map(MonthRange::chainId).toArray(String[]::new))
                                .addLocalDate(first)
                                .addArrayOfLong(ranges.stream().map(MonthRange::firstSeq).toArray(Long[]::new))
                                .addArrayOfLong(ranges.stream().map(MonthRange::lastSeq).toArray(Long[]::new))
                                .addArrayOfString(ranges.stream().map(MonthRange::firstPrevChecksum).toArray(String[]::new))
                                .addArrayOfString(ranges.stream().map(MonthRange::lastChecksum).toArray(String[]::new))
                                .addArrayOfLong(ranges.stream().map(MonthRange::entries).toArray(Long[]::new))))
                .chain(() -> client.preparedQuery(FORGET_OPENINGS).execute(bounds(month)))
                .chain(() -> client.preparedQuery(DROP).execute(Tuple.of(first)))
                .map(rows -> rows.iterator().next().getBoolean("dropped"))
                .call(dropped -> client.preparedQuery(FORGET_ACTIVITY).execute(bounds(month))));
    }

    /** Per chain with an archived range: its last archived seq and that entry's checksum. */
    public Uni<Map<String, ArchivedThrough>> archivedThrough() {
        return pool.query(ARCHIVED_THROUGH)
                .execute()
                .map(rows -> {
                    Map<String, ArchivedThrough> out = new TreeMap<>();
                    rows.forEach(row -> out.put(row.getString("chain_id"), new ArchivedThrough(row.getString("chain_id"),
                            row.getLong("last_seq"), row.getString("last_checksum"))));
                    return out;
                });
    }

    /** The chain's last archived seq and checksum, if any of it was archived. */
    public Uni<Optional<ArchivedThrough>> archivedThrough(String chainId) {
        return archivedThrough().map(all -> Optional.ofNullable(all.get(chainId)));
    }

    Uni<List<ArchiveRecord>> archives() {
        return pool.query(ARCHIVES)
                .execute()
                .map(rows -> Rows.list(rows, row -> new ArchiveRecord(YearMonth.from(row.getLocalDate("month")).toString(),
                        row.getString("file_name"), row.getString("sha256"), row.getLong("entries"),
                        row.getOffsetDateTime("archived_at").toInstant())));
    }

    private static Tuple bounds(YearMonth month) {
        OffsetDateTime start = month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        return Tuple.of(start, start.plusMonths(1));
    }
}
