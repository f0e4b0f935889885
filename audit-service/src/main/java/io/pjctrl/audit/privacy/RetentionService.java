package io.pjctrl.audit.privacy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.pjctrl.audit.checkpoint.PublishedCheckpoint;
import io.pjctrl.audit.checkpoint.PublishedCheckpoints;
import io.pjctrl.audit.log.LogPartitions;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Retention by month (docs/retention.md). A month (a partition of audit_logs, V43) is due when its end plus the
 * retention of the most sensitive level among its entries has passed. A due month leaves the log only if
 * <ul>
 * <li>no active legal hold matches any of its entries ({@code held} otherwise);</li>
 * <li>for every chain with entries in it, those entries are the chain's oldest remaining ones (seq directly after the
 * chain's archived range, every seq in between present, every remaining seq of the chain larger) and not its newest
 * (the chain head stays, so the ingest continues the chain): the rest of each chain is then a suffix that verifies
 * from its minimum index ({@code waiting} with the reason otherwise, logged and counted in
 * {@code pjctrl_retention_months_waiting});</li>
 * <li>every chain's latest tree-root checkpoint covers the month's entries, so each gets an inclusion proof.</li>
 * </ul>
 * Then the month is archived ({@link ArchiveWriter}) and, in one transaction, recorded with each chain's range and its
 * partition detached and dropped ({@link RetentionRepository#recordAndDrop}). Tiles and checkpoints stay. One replica
 * at a time runs it (a session advisory lock), every {@code pjctrl.retention.interval} when enabled; {@link #run} is
 * the same run at a given instant (tests, operators).
 */
@ApplicationScoped
public class RetentionService {

    static final String TRY_LOCK = "SELECT pg_try_advisory_lock(hashtext('pjctrl.retention')) AS locked";
    private static final String UNLOCK = "SELECT pg_advisory_unlock(hashtext('pjctrl.retention'))";
    private static final String[] LEVELS = {"none", "low", "medium", "high", "critical"};

    private final Pool pool;
    private final RetentionRepository repository;
    private final HoldService holds;
    private final PublishedCheckpoints checkpoints;
    private final ArchiveWriter archives;
    private final RetentionConfig config;
    private final AtomicLong waiting = new AtomicLong();
    private final AtomicLong held = new AtomicLong();
    private final AtomicReference<RetentionReport> last = new AtomicReference<>();
    private final MeterRegistry meters;
    private final LogPartitions partitions;

    public RetentionService(Pool pool, RetentionRepository repository, HoldService holds,
            PublishedCheckpoints checkpoints, ArchiveWriter archives, RetentionConfig config, MeterRegistry meters,
            LogPartitions partitions) {
        this.partitions = partitions;
        this.pool = pool;
        this.repository = repository;
        this.holds = holds;
        this.checkpoints = checkpoints;
        this.archives = archives;
        this.config = config;
        this.meters = meters;
        meters.gauge("pjctrl.retention.months.waiting", waiting);
        meters.gauge("pjctrl.retention.months.held", held);
    }

    @Scheduled(identity = "audit-logs-retention", every = "${pjctrl.retention.interval}", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return run(Instant.now())
                .onFailure().invoke(e -> Log.warnf(e, "Retention run failed; the next run retries"))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** The last run's outcome on this instance, or null. */
    public RetentionReport last() {
        return last.get();
    }

    /**
     * Evaluates every month before the current one (UTC) at {@code now}, archiving and dropping those due and free;
     * whether or not {@code pjctrl.retention.enabled} is set (it only switches the schedule).
     */
    public Uni<RetentionReport> run(Instant now) {
        return pool.withConnection(connection -> connection.query(TRY_LOCK).execute()
                .map(rows -> rows.iterator().next().getBoolean("locked"))
                .flatMap(locked -> locked
                        ? runHolding(connection, now)
                        : Uni.createFrom().item(new RetentionReport(false, now, List.of()))));
    }

    private Uni<RetentionReport> runHolding(SqlConnection connection, Instant now) {
        return holds.active()
                .chain(active -> repository.monthsBefore(YearMonth.from(now.atOffset(ZoneOffset.UTC)))
                        .chain(months -> Multi.createFrom().iterable(months)
                                .onItem().transformToUniAndConcatenate(month -> month(month, now, active)
                                        .onFailure().recoverWithItem(e -> {
                                            Log.errorf(e, "Retention of %s failed; the month stays", month);
                                            return new MonthOutcome(month.toString(), "failed", null, e.toString(), 0,
                                                    null);
                                        }))
                                .collect().asList()))
                .map(outcomes -> new RetentionReport(true, now, outcomes))
                .invoke(this::record)
                .onTermination().call(() -> connection.query(UNLOCK).execute()
                        .onFailure().invoke(e -> Log.warnf(e, "Retention: advisory unlock failed"))
                        .onFailure().recoverWithNull());
    }

    private Uni<MonthOutcome> month(YearMonth month, Instant now, List<Hold> active) {
        return repository.summary(month).chain(summary -> {
            long entries = summary[0];
            if (entries == 0) {
                return Uni.createFrom().item(new MonthOutcome(month.toString(), "empty", null, null, 0, null));
            }
            String level = LEVELS[(int) summary[1]];
            Period retention = config.of(level);
            Instant due = month.plusMonths(1).atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC).plus(retention)
                    .toInstant();
            if (due.isAfter(now)) {
                return Uni.createFrom().item(new MonthOutcome(month.toString(), "not_due", null, "most sensitive: "
                        + level + " (" + retention + ")", entries, due.toString()));
            }
            return repository.held(month, active).chain(heldBy -> heldBy.isEmpty()
                    ? archivable(month, entries, due)
                    : Uni.createFrom().item(new MonthOutcome(month.toString(), "held", "legal_hold", "held by "
                            + heldBy.stream().map(Object::toString).collect(Collectors.joining(", ")), entries,
                            due.toString())));
        });
    }

    private Uni<MonthOutcome> archivable(YearMonth month, long entries, Instant due) {
        return repository.ranges(month)
                .chain(ranges -> checkpoints.latestOfEveryChain().chain(at -> {
                    for (MonthRange range : ranges) {
                        String blocker = range.blocker();
                        PublishedCheckpoint checkpoint = at.get(range.chainId());
                        if (blocker == null && (checkpoint == null || checkpoint.size() < range.lastSeq())) {
                            blocker = "not_checkpointed";
                        }
                        if (blocker != null) {
                            return Uni.createFrom().item(new MonthOutcome(month.toString(), "waiting", blocker,
                                    describe(range, blocker, checkpoint), entries, due.toString()));
                        }
                    }
                    return archive(month, entries, due, ranges, at);
                }));
    }

    private Uni<MonthOutcome> archive(YearMonth month, long entries, Instant due, List<MonthRange> ranges,
            Map<String, PublishedCheckpoint> at) {
        return Uni.createFrom().item(this::archiveDir)
                .chain(dir -> archives.write(dir, month, ranges, at))
                .invoke(file -> {
                    if (file.entries() != entries) {
                        throw new IllegalStateException("the archive of " + month + " holds " + file.entries()
                                + " entries but the month " + entries + ": not dropped");
                    }
                })
                .call(file -> repository.recordAndDrop(month, file, ranges))
                // From now on this instance dead-letters the month's events (the others at their next partition check).
                .invoke(file -> partitions.archivedThrough(month))
                .invoke(file -> meters.counter("pjctrl.retention.months.archived").increment())
                .invoke(file -> Log.infof("Retention: archived %s (%d entries, %s, sha256 %s) and dropped its partition",
                        month, file.entries(), file.fileName(), file.sha256()))
                .map(file -> new MonthOutcome(month.toString(), "archived", null, file.fileName() + " sha256 "
                        + file.sha256(), entries, due.toString()));
    }

    private static String describe(MonthRange range, String blocker, PublishedCheckpoint checkpoint) {
        return switch (blocker) {
            case "chain_head" -> "chain " + range.chainId() + ": its newest entry (seq " + range.lastSeq()
                    + ") is in this month";
            case "not_a_prefix" -> "chain " + range.chainId() + ": seqs " + range.firstSeq() + ".." + range.lastSeq()
                    + " are not its oldest remaining entries (archived through " + range.archivedThrough()
                    + ", smallest seq in other months " + range.restMin() + ")";
            case "not_contiguous" -> "chain " + range.chainId() + ": " + range.entries() + " entries for seqs "
                    + range.firstSeq() + ".." + range.lastSeq();
            default -> "chain " + range.chainId() + ": latest tree-root checkpoint "
                    + (checkpoint == null ? "none" : "of size " + checkpoint.size()) + " does not cover seq "
                    + range.lastSeq();
        };
    }

    private void record(RetentionReport report) {
        last.set(report);
        waiting.set(report.count("waiting"));
        held.set(report.count("held"));
        report.months().stream()
                .filter(month -> month.status().equals("waiting"))
                .forEach(month -> Log.warnf("Retention: %s is due but stays: %s (%s)", month.month(), month.reason(),
                        month.detail()));
    }

    private Path archiveDir() {
        Path dir = Path.of(config.archiveDir().orElseThrow(() -> new IllegalStateException(
                "pjctrl.retention.archive-dir is not set: retention cannot archive, nothing is dropped")));
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create the archive directory " + dir, e);
        }
        return dir;
    }
}
