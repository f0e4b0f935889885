package io.pjctrl.audit.ingest;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pjctrl.contract.chain.ChainedEntry;

/**
 * Prometheus metrics of the ingest (consumer lag itself comes from the Kafka client metrics,
 * {@code kafka_consumer_fetch_manager_records_lag*}).
 */
@ApplicationScoped
public class IngestMetrics {

    private final MeterRegistry registry;
    private final Counter ingested;
    private final Counter duplicates;
    private final Counter retries;
    private final Counter gaps;
    private final DistributionSummary batchSize;
    private final Timer latency;
    private final Map<String, Counter> deadLettered = new ConcurrentHashMap<>();

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.ingested = Counter.builder("pjctrl.ingest.events").description("Events stored in the audit log")
                .register(registry);
        this.duplicates = Counter.builder("pjctrl.ingest.duplicates")
                .description("Events skipped because their event id was already stored").register(registry);
        this.retries = Counter.builder("pjctrl.ingest.batch.retries")
                .description("Batch transactions that failed and were retried (e.g. lost race on a chain head)")
                .register(registry);
        this.gaps = Counter.builder("pjctrl.ingest.version.gaps").description("Aggregate version gaps recorded")
                .register(registry);
        this.batchSize = DistributionSummary.builder("pjctrl.ingest.batch.size").description("Records per consumed batch")
                .publishPercentileHistogram().register(registry);
        this.latency = Timer.builder("pjctrl.ingest.latency").description("recorded_at - occurred_at of stored events")
                .publishPercentileHistogram().register(registry);
    }

    public void batch(int records) {
        batchSize.record(records);
    }

    /** One dead letter the broker acknowledged; called from the producer's I/O thread, once per record of a flood. */
    public void deadLettered(String reason) {
        deadLettered.computeIfAbsent(reason, r -> Counter.builder("pjctrl.ingest.dead.lettered")
                .description("Records sent to the dead-letter topic").tag("reason", r).register(registry))
                .increment();
    }

    void stored(IngestResult result) {
        ingested.increment(result.stored().size());
        duplicates.increment(result.duplicates());
        for (ChainedEntry c : result.stored()) {
            latency.record(Duration.between(c.entry().occurredAt(), c.entry().recordedAt()));
        }
    }

    void batchRetried() {
        retries.increment();
    }

    void versionGaps(int count) {
        gaps.increment(count);
    }
}
