package io.pjctrl.audit.log;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the partitions of audit_logs created ahead: the current month and {@code pjctrl.partitions.months-ahead} more,
 * at start-up and every {@code pjctrl.partitions.check-interval}. Every replica runs it; the SQL function makes that
 * safe (advisory lock, then create if absent), so no leader is needed. A failed run is logged and retried on the next
 * tick; until then the ingest still creates a missing month itself ({@link LogPartitions#ensure}). Each run also reads
 * the latest month retention archived ({@link LogPartitions#refreshArchived}), whichever replica dropped it.
 */
@ApplicationScoped
public class PartitionMaintenance {

    private final LogPartitions partitions;

    public PartitionMaintenance(LogPartitions partitions) {
        this.partitions = partitions;
    }

    @Scheduled(identity = "audit-logs-partitions-ahead", every = "${pjctrl.partitions.check-interval}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return partitions.refreshArchived()
                .onFailure().invoke(e -> Log.warnf(e, "Reading the archived months of audit_logs failed; the next run retries"))
                .onFailure().recoverWithNull()
                .chain(this::createAhead)
                .onFailure()
                .invoke(e -> Log.warnf(e, "Creating the partitions of audit_logs ahead failed; the next run retries"))
                .onFailure().recoverWithNull();
    }

    /** Creates the partitions of the current month and the months ahead that do not exist yet. */
    public Uni<Void> createAhead() {
        return partitions.create(partitions.ahead());
    }
}
