package io.pjctrl.audit.checkpoint;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pjctrl.audit.checkpoint.CheckpointService.ChainState;
import io.quarkus.scheduler.Scheduled;

/**
 * Per chain this instance writes: {@code pjctrl_checkpoint_age_seconds} (since the chain's latest signed checkpoint;
 * for a chain never checkpointed, since this instance first saw it) and {@code pjctrl_checkpoint_pending_entries}
 * (entries after that checkpoint). Both high at once means the log stopped being checkpointed (the
 * PjctrlCheckpointStale alert); a quiet chain has an old checkpoint and nothing pending, which is fine.
 */
@ApplicationScoped
public class CheckpointMetrics {

    private final CheckpointService checkpoints;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, ChainState> latest = new ConcurrentHashMap<>();
    private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();

    public CheckpointMetrics(CheckpointService checkpoints, MeterRegistry registry) {
        this.checkpoints = checkpoints;
        this.registry = registry;
        this.clock = Clock.systemUTC();
    }

    /** Picks up the chains this instance started writing and registers their gauges. */
    // Delayed like CheckpointService's tick: it creates that bean, whose emitter is wired only once reactive
    // messaging has started (an earlier first run logged "Unable to connect an emitter" at every start).
    @Scheduled(every = "5s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        for (ChainState chain : checkpoints.chains()) {
            if (latest.put(chain.chainId(), chain) == null) {
                register(chain.chainId());
            }
        }
    }

    double ageSeconds(String chainId) {
        ChainState chain = latest.get(chainId);
        Instant since = chain.checkpointAt() != null ? chain.checkpointAt() : firstSeen.get(chainId);
        return Duration.between(since, clock.instant()).toMillis() / 1000.0;
    }

    double pendingEntries(String chainId) {
        ChainState chain = latest.get(chainId);
        return Math.max(0, chain.headSeq() - chain.checkpointSeq());
    }

    private void register(String chainId) {
        firstSeen.putIfAbsent(chainId, clock.instant());
        Gauge.builder("pjctrl.checkpoint.age", this, m -> m.ageSeconds(chainId))
                .description("Seconds since the chain's latest signed checkpoint")
                .baseUnit("seconds")
                .tag("chain_id", chainId)
                .register(registry);
        Gauge.builder("pjctrl.checkpoint.pending.entries", this, m -> m.pendingEntries(chainId))
                .description("Entries of the chain after its latest signed checkpoint")
                .tag("chain_id", chainId)
                .register(registry);
    }
}
