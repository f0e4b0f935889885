package io.pjctrl.audit.verify;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import io.pjctrl.audit.AuditServiceConfig;
import io.pjctrl.audit.log.AuditLogWriter;
import io.pjctrl.audit.verify.SourceTopics.Range;
import io.pjctrl.audit.verify.SourceTopics.RecordCursor;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Reconciliation of a chain with the events partition it was ingested from ({@code reconcile: true}, and the
 * scheduled verification): {@link #start} reads the partition's comparable range and the dead letters and opens a
 * cursor on the records, the walk feeds {@link ReconcileWalk} the entries, {@link #settle} looks up the event ids of
 * the records no entry claimed and reports the ones stored nowhere as {@code missing_from_log}.
 */
@ApplicationScoped
public class Reconciliation {

    private final SourceTopics topics;
    private final AuditLogWriter writer;
    private final Pool pool;
    private final String chainPrefix;

    public Reconciliation(SourceTopics topics, AuditLogWriter writer, Pool pool, AuditServiceConfig config) {
        this.topics = topics;
        this.writer = writer;
        this.pool = pool;
        this.chainPrefix = config.ingest().chainPrefix() + "-";
    }

    /** A started reconciliation (or none, or one that could not start). */
    static final class Started implements AutoCloseable {

        private final String chainId;
        private final Integer partition;
        private final Range range;
        private final RecordCursor cursor;
        private final Set<String> deadLetters;
        private final String problem;
        private ReconcileWalk walk;

        private Started(String chainId, Integer partition, Range range, RecordCursor cursor, Set<String> deadLetters,
                String problem) {
            this.chainId = chainId;
            this.partition = partition;
            this.range = range;
            this.cursor = cursor;
            this.deadLetters = deadLetters;
            this.problem = problem;
        }

        static Started off() {
            return new Started(null, null, null, null, null, null);
        }

        /** The walk's side of it, reporting not_in_source to {@code failures}; null when not reconciling. */
        ReconcileWalk walk(Consumer<VerifyFailure> failures) {
            if (cursor != null) {
                walk = new ReconcileWalk(chainId, range, cursor, deadLetters, failures);
            }
            return walk;
        }

        @Override
        public void close() {
            if (cursor != null) {
                cursor.close();
            }
        }
    }

    Uni<Started> start(String chainId, boolean on) {
        if (!on) {
            return Uni.createFrom().item(Started.off());
        }
        Integer partition = partitionOf(chainId);
        if (partition == null) {
            return Uni.createFrom().item(new Started(chainId, null, null, null, null, "chain " + chainId
                    + " is not named after a partition (" + chainPrefix + "<partition>)"));
        }
        return Uni.createFrom()
                .item(() -> {
                    Range range = topics.range(partition);
                    Set<String> deadLetters = topics.deadLetters();
                    return new Started(chainId, partition, range, topics.records(partition, range.earliest(),
                            range.until()), deadLetters, null);
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure()
                .recoverWithItem(e -> {
                    Log.warnf("Reconciliation of chain %s could not read its partition: %s", chainId, e.toString());
                    return new Started(chainId, partition, null, null, null, "could not read partition " + partition
                            + ": " + e.getMessage());
                });
    }

    /** The chain's reconciliation report after the walk; null when not reconciling. */
    Uni<ReconcileReport> settle(Started started, Consumer<VerifyFailure> failures) {
        if (started.chainId == null) {
            return Uni.createFrom().nullItem();
        }
        if (started.walk == null || started.walk.problem() != null) {
            String problem = started.walk == null ? started.problem : started.walk.problem();
            return Uni.createFrom().item(ReconcileReport.unavailable(started.partition == null ? -1 : started.partition,
                    problem));
        }
        ReconcileWalk walk = started.walk;
        List<ReconcileWalk.Unclaimed> unclaimed = walk.unclaimed();
        Map<UUID, ReconcileWalk.Unclaimed> byEvent = new HashMap<>();
        for (ReconcileWalk.Unclaimed record : unclaimed) {
            UUID id = parse(record.eventId());
            if (id != null) {
                byEvent.putIfAbsent(id, record);
            }
        }
        UUID[] ids = byEvent.keySet().toArray(UUID[]::new);
        Uni<Set<UUID>> stored = ids.length == 0
                ? Uni.createFrom().item(Set.of())
                : pool.withConnection(connection -> writer.storedEventIds(connection, ids));
        return stored.map(found -> {
            long missing = 0;
            for (ReconcileWalk.Unclaimed record : unclaimed) {
                UUID id = parse(record.eventId());
                if (id != null && found.contains(id)) {
                    continue;
                }
                missing++;
                failures.accept(new VerifyFailure(started.chainId, null, null, "missing_from_log", record.eventId(), null,
                        "partition " + started.partition + " offset " + record.offset() + " (event " + record.eventId()
                                + ") is neither stored in chain " + started.chainId + " nor dead-lettered",
                        null, null, id, null, null, started.partition, record.offset()));
            }
            long beyondListed = walk.unclaimedCount() - unclaimed.size();
            long duplicates = unclaimed.size() - missing;
            return new ReconcileReport(started.partition, started.range.earliest(), started.range.until(),
                    walk.matched(), walk.deadLettered(), duplicates, missing + beyondListed, null);
        });
    }

    private Integer partitionOf(String chainId) {
        if (!chainId.startsWith(chainPrefix)) {
            return null;
        }
        try {
            int partition = Integer.parseInt(chainId.substring(chainPrefix.length()));
            return partition >= 0 && chainId.equals(chainPrefix + partition) ? partition : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static UUID parse(String eventId) {
        try {
            return eventId == null ? null : UUID.fromString(eventId);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
