package io.pjctrl.audit.checkpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.pjctrl.audit.AuditServiceConfig;
import io.pjctrl.contract.chain.ChainHead;
import io.pjctrl.contract.chain.Timestamps;
import io.pjctrl.contract.note.Checkpoint;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Signs a checkpoint of a chain every {@code every-entries} entries, or after {@code interval} when the chain grew,
 * stores it in audit_checkpoints and publishes the note on the checkpoints topic. It checkpoints the chains this
 * instance wrote (their heads come from committed ingest batches), so after a rebalance the new owner takes over.
 */
@ApplicationScoped
public class CheckpointService {

    public static final String CHANNEL = "audit-checkpoints-out";

    /**
     * A chain this instance wrote, as it knows it: its head and its latest checkpoint ({@code checkpointSeq} 0 and
     * {@code checkpointAt} null when it has none).
     */
    public record ChainState(String chainId, long headSeq, long checkpointSeq, Instant checkpointAt) {
    }

    private record Mark(long seq, Instant at) {
    }

    private final CheckpointRepository repository;
    private final SigningKeys keys;
    private final MutinyEmitter<String> topic;
    private final int everyEntries;
    private final Duration interval;
    private final String originPrefix;
    private final Map<String, ChainHead> heads = new ConcurrentHashMap<>();
    private final Map<String, Mark> marks = new ConcurrentHashMap<>();
    private final Map<String, Boolean> inFlight = new ConcurrentHashMap<>();

    public CheckpointService(CheckpointRepository repository, SigningKeys keys, @Channel(CHANNEL) MutinyEmitter<String> topic,
            AuditServiceConfig config) {
        this.repository = repository;
        this.keys = keys;
        this.topic = topic;
        this.everyEntries = config.checkpoint().everyEntries();
        this.interval = config.checkpoint().interval();
        this.originPrefix = config.checkpoint().originPrefix();
    }

    /** Called after an ingest batch committed; checkpoints at once the chains that grew by every-entries. */
    public Uni<Void> onCommitted(Iterable<ChainHead> committed) {
        return Multi.createFrom().iterable(committed)
                .invoke(head -> heads.merge(head.chainId(), head, (a, b) -> b.seq() > a.seq() ? b : a))
                .onItem().transformToUniAndConcatenate(head -> mark(head.chainId())
                        .chain(mark -> head.seq() - mark.seq() >= everyEntries
                                ? checkpoint(head)
                                : Uni.createFrom().voidItem()))
                .collect().last()
                .replaceWithVoid();
    }

    /** Time-based checkpoints: every chain that grew and whose last checkpoint is older than the interval. */
    // Delayed: the first ticks would otherwise run while reactive messaging is still wiring the emitter.
    @Scheduled(every = "1s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        Instant due = Instant.now().minus(interval);
        return Multi.createFrom().iterable(heads.values())
                .onItem().transformToUniAndConcatenate(head -> mark(head.chainId())
                        .chain(mark -> head.seq() > mark.seq() && mark.at().isBefore(due)
                                ? checkpoint(head)
                                : Uni.createFrom().voidItem()))
                .collect().last()
                .replaceWithVoid()
                .onFailure().invoke(e -> Log.warnf(e, "Checkpoint tick failed, next tick retries"))
                .onFailure().recoverWithNull();
    }

    /** The chains this instance wrote since it started, for the checkpoint-age gauges (CheckpointMetrics). */
    public List<ChainState> chains() {
        return heads.values().stream()
                .filter(head -> marks.containsKey(head.chainId()))
                .map(head -> {
                    Mark mark = marks.get(head.chainId());
                    return new ChainState(head.chainId(), head.seq(), mark.seq(),
                            Instant.EPOCH.equals(mark.at()) ? null : mark.at());
                })
                .toList();
    }

    /** Signs, stores and publishes a checkpoint of {@code head} (at most one in flight per chain). */
    public Uni<Void> checkpoint(ChainHead head) {
        if (inFlight.putIfAbsent(head.chainId(), Boolean.TRUE) != null) {
            return Uni.createFrom().voidItem();
        }
        // Signed only once the key is registered, so the checkpoint's time lies inside the key's validity window.
        return keys.registered()
                .chain(() -> store(head))
                .eventually(() -> inFlight.remove(head.chainId()));
    }

    private Uni<Void> store(ChainHead head) {
        Instant now = Timestamps.truncate(Instant.now());
        Checkpoint checkpoint = new Checkpoint(originPrefix + "/" + head.chainId(), head.seq(), head.checksum(), now);
        String note = keys.signer().sign(checkpoint);
        return repository.insert(UUID.randomUUID(), head.chainId(), head.seq(), head.checksum(), checkpoint.origin(),
                keys.signer().keyId(), note, now)
                .invoke(() -> marks.put(head.chainId(), new Mark(head.seq(), now)))
                .chain(stored -> stored ? publish(head.chainId(), note) : Uni.createFrom().voidItem());
    }

    private Uni<Void> publish(String chainId, String note) {
        return topic.sendMessage(Message.of(note)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(chainId).build()));
    }

    private Uni<Mark> mark(String chainId) {
        Mark known = marks.get(chainId);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return repository.latestOf(chainId)
                .map(latest -> latest.map(l -> new Mark(l.seq(), l.at())).orElse(new Mark(0, Instant.EPOCH)))
                .invoke(mark -> marks.putIfAbsent(chainId, mark));
    }
}
