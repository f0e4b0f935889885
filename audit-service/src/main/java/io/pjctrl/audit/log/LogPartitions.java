package io.pjctrl.audit.log;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.pjctrl.audit.AuditServiceConfig;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The monthly partitions of audit_logs (V43): one per UTC month of occurred_at, made by the SQL function
 * {@code audit_logs_create_partition} (idempotent, serialised by an advisory lock, so any number of replicas may ask at
 * once). {@link PartitionMaintenance} keeps the current month and {@code months-ahead} more created; the ingest calls
 * {@link #ensure} before each batch transaction for the months the batch needs, which costs nothing for months this
 * instance already saw and one statement otherwise. There is no DEFAULT partition: rows in it would have to be moved
 * out, under a scan and a lock, before the partition of their month could be created. An event outside the months
 * the ingest stores ({@link #stores}) is dead-lettered instead of creating a partition for whatever its producer's
 * clock said.
 */
@ApplicationScoped
public class LogPartitions {

    private static final String CREATE = "SELECT m, audit_logs_create_partition(m) AS created FROM unnest($1::date[]) AS m";
    private static final String ARCHIVED_THROUGH = "SELECT max(month) AS month FROM audit_archives";

    private final Pool pool;
    private final Clock clock;
    private final int monthsAhead;
    private final int monthsBehind;
    /** Months whose partition this instance created or found; a hint (cleared when a batch fails), never a proof. */
    private final Set<YearMonth> known = ConcurrentHashMap.newKeySet();
    /**
     * The latest month retention archived and dropped (audit_archives, V45), or null: no event of it or of an earlier
     * month is stored again, since that would recreate a dropped partition and put entries below a chain's minimum
     * index. Read at start-up and every partition check; set at once by this instance's retention.
     */
    private volatile YearMonth archivedThrough;

    @Inject
    public LogPartitions(Pool pool, AuditServiceConfig config) {
        this(pool, Clock.systemUTC(), config.partitions().monthsAhead(), config.partitions().monthsBehind());
    }

    LogPartitions(Pool pool, Clock clock, int monthsAhead, int monthsBehind) {
        this.pool = pool;
        this.clock = clock;
        this.monthsAhead = monthsAhead;
        this.monthsBehind = monthsBehind;
    }

    /** The UTC month of an instant: the partition its row goes to. */
    public static YearMonth month(Instant at) {
        return YearMonth.from(at.atOffset(ZoneOffset.UTC));
    }

    /** Whether the ingest stores an event that occurred at {@code occurredAt} (else it is dead-lettered). */
    public boolean stores(Instant occurredAt) {
        return within(occurredAt) && !archived(occurredAt);
    }

    /** Whether {@code occurredAt} is within the configured months behind and ahead of now. */
    public boolean within(Instant occurredAt) {
        YearMonth month = month(occurredAt);
        YearMonth now = YearMonth.now(clock);
        return !month.isBefore(now.minusMonths(monthsBehind)) && !month.isAfter(now.plusMonths(monthsAhead));
    }

    /** Whether the month of {@code occurredAt} was archived and dropped by retention (or precedes one that was). */
    public boolean archived(Instant occurredAt) {
        YearMonth through = archivedThrough;
        return through != null && !month(occurredAt).isAfter(through);
    }

    /** The months {@link #stores} accepts, for the dead letter's detail. */
    public String storedMonths() {
        YearMonth now = YearMonth.now(clock);
        YearMonth through = archivedThrough;
        YearMonth first = now.minusMonths(monthsBehind);
        if (through != null && !first.isAfter(through)) {
            first = through.plusMonths(1);
        }
        return first + " to " + now.plusMonths(monthsAhead) + (through == null ? "" : "; archived through " + through);
    }

    /** Retention archived and dropped {@code month}: from now on its events are dead-lettered. */
    public void archivedThrough(YearMonth month) {
        synchronized (this) {
            if (archivedThrough == null || month.isAfter(archivedThrough)) {
                archivedThrough = month;
            }
        }
    }

    /** Reads the latest archived month (another replica's retention may have dropped one). */
    public Uni<Void> refreshArchived() {
        return pool.query(ARCHIVED_THROUGH)
                .execute()
                .invoke(rows -> {
                    LocalDate month = rows.iterator().next().getLocalDate("month");
                    if (month != null) {
                        archivedThrough(YearMonth.from(month));
                    }
                })
                .replaceWithVoid();
    }

    /** The current month and the configured months ahead. */
    public List<YearMonth> ahead() {
        YearMonth now = YearMonth.now(clock);
        return IntStream.rangeClosed(0, monthsAhead).mapToObj(now::plusMonths).toList();
    }

    /** Makes sure a partition exists for the month of each instant; months already seen cost no statement. */
    public Uni<Void> ensure(Collection<Instant> occurredAts) {
        Set<YearMonth> months = new TreeSet<>();
        occurredAts.forEach(at -> months.add(month(at)));
        return create(months);
    }

    /** Creates the partitions of {@code months} that do not exist yet. */
    public Uni<Void> create(Collection<YearMonth> months) {
        LocalDate[] missing = months.stream().filter(m -> !known.contains(m)).map(m -> m.atDay(1)).toArray(LocalDate[]::new);
        if (missing.length == 0) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery(CREATE)
                .execute(Tuple.of(missing))
                .invoke(rows -> rows.forEach(row -> {
                    YearMonth month = YearMonth.from(row.getLocalDate("m"));
                    known.add(month);
                    if (row.getBoolean("created")) {
                        Log.infof("Created the partition of audit_logs for %s", month);
                    }
                }))
                .replaceWithVoid();
    }

    /** Forgets the months seen, so the next {@link #ensure} asks the database again (e.g. after a failed batch). */
    public void forget() {
        known.clear();
    }
}
