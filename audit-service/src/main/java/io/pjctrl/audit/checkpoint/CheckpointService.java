package io.pjctrl.audit.checkpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.micrometer.core.instrument.MeterRegistry;
import io.pjctrl.audit.AuditServiceConfig;
import io.pjctrl.audit.alert.AlertService;
import io.pjctrl.audit.log.AuditLogRepository;
import io.pjctrl.audit.tlog.TlogRepository;
import io.pjctrl.audit.tlog.TreeState;
import io.pjctrl.contract.chain.ChainHead;
import io.pjctrl.contract.chain.Timestamps;
import io.pjctrl.contract.note.Checkpoint;
import io.pjctrl.contract.note.NoteVerification;
import io.pjctrl.contract.note.SignedNotes;
import io.pjctrl.contract.tlog.Consistency;
import io.pjctrl.contract.tlog.InvalidProofException;
import io.pjctrl.contract.tlog.SignedNote;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Signs a checkpoint of a chain every {@code every-entries} entries, or after {@code interval} when the chain grew,
 * stores it in audit_checkpoints, publishes the note on the checkpoints topic and submits it to the witnesses. It
 * checkpoints the chains this instance wrote (their heads come from committed ingest batches), so after a rebalance
 * the new owner takes over.
 *
 * <p>
 * A checkpoint is format 2, a C2SP tlog-checkpoint: its size is the chain's stored tree size and its hash line the
 * tree's RFC 6962 root ({@code head_checksum} is the checksum of the entry at that seq). It is signed only once the
 * stored tree is proven consistent with the chain's previous format-2 checkpoint, whose signature is checked first:
 * the service never signs two checkpoints of one origin that contradict each other. When the proof fails it signs
 * nothing, raises one critical {@value #RULE_INCONSISTENT} alert per chain and counts
 * {@code pjctrl_checkpoint_refused_total}; ingest goes on, unsigned, until an operator has looked.
 */
@ApplicationScoped
public class CheckpointService {

    public static final String CHANNEL = "audit-checkpoints-out";
    public static final String RULE_INCONSISTENT = "checkpoint_inconsistent";

    /**
     * A chain this instance wrote, as it knows it: its head and its latest checkpoint ({@code checkpointSeq} 0 and
     * {@code checkpointAt} null when it has none).
     */
    public record ChainState(String chainId, long headSeq, long checkpointSeq, Instant checkpointAt) {
    }

    private record Mark(long seq, Instant at) {
    }

    /** Why the stored tree may not be signed. */
    private static final class Refusal extends RuntimeException {

        Refusal(String message) {
            super(message, null, false, false);
        }
    }

    private final CheckpointRepository repository;
    private final SigningKeys keys;
    private final TlogRepository tlog;
    private final TreeProofs proofs;
    private final AuditLogRepository log;
    private final Witnesses witnesses;
    private final AlertService alerts;
    private final MeterRegistry registry;
    private final MutinyEmitter<String> topic;
    private final int everyEntries;
    private final Duration interval;
    private final String originPrefix;
    private final Map<String, ChainHead> heads = new ConcurrentHashMap<>();
    private final Map<String, Mark> marks = new ConcurrentHashMap<>();
    private final Map<String, Boolean> inFlight = new ConcurrentHashMap<>();
    private final Set<String> refusing = ConcurrentHashMap.newKeySet();

    public CheckpointService(CheckpointRepository repository, SigningKeys keys, TlogRepository tlog, TreeProofs proofs,
            AuditLogRepository log, Witnesses witnesses, AlertService alerts, MeterRegistry registry,
            @Channel(CHANNEL) MutinyEmitter<String> topic, AuditServiceConfig config) {
        this.repository = repository;
        this.keys = keys;
        this.tlog = tlog;
        this.proofs = proofs;
        this.log = log;
        this.witnesses = witnesses;
        this.alerts = alerts;
        this.registry = registry;
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

    /**
     * Signs, stores, publishes and submits a checkpoint of the chain's stored tree (at most one in flight per chain);
     * nothing when the tree did not grow past the latest checkpoint (it may lag {@code head} during a backfill).
     */
    public Uni<Void> checkpoint(ChainHead head) {
        if (inFlight.putIfAbsent(head.chainId(), Boolean.TRUE) != null) {
            return Uni.createFrom().voidItem();
        }
        // Signed only once the key is registered, so the checkpoint's time lies inside the key's validity window.
        return keys.registered()
                .chain(() -> Uni.combine().all().unis(tlog.tree(head.chainId()), mark(head.chainId())).asTuple())
                .chain(both -> {
                    Optional<TreeState> tree = both.getItem1();
                    return tree.isPresent() && tree.get().size() > both.getItem2().seq()
                            ? checkpointTree(tree.get())
                            : Uni.createFrom().voidItem();
                })
                .eventually(() -> inFlight.remove(head.chainId()));
    }

    private Uni<Void> checkpointTree(TreeState tree) {
        return repository.latestTreeCheckpoint(tree.chainId())
                .chain(previous -> previous.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : proveExtends(previous.get(), tree))
                .chain(() -> log.checksumAt(tree.chainId(), tree.size()))
                .chain(checksum -> {
                    if (checksum == null) {
                        throw new Refusal("the chain has no entry at seq " + tree.size() + ", its tree's size");
                    }
                    return store(tree, checksum.trim());
                })
                .onFailure(Refusal.class).call(e -> refuse(tree, e.getMessage()));
    }

    /** Fails with a {@link Refusal} unless the previous checkpoint verifies and the stored tree extends it. */
    private Uni<Void> proveExtends(StoredCheckpoint previous, TreeState tree) {
        NoteVerification verified = SignedNotes.verify(previous.signedNote(), keys.pinned());
        if (!(verified instanceof NoteVerification.Verified)) {
            return Uni.createFrom().failure(new Refusal("the previous checkpoint at size " + previous.seq()
                    + " does not verify with the pinned keys: " + verified));
        }
        io.pjctrl.contract.tlog.Checkpoint signed = io.pjctrl.contract.tlog.Checkpoint
                .parse(SignedNote.parse(previous.signedNote()).text());
        if (signed.size() > tree.size()) {
            return Uni.createFrom().failure(new Refusal("the stored tree has " + tree.size()
                    + " entries, fewer than the " + signed.size() + " of the previous checkpoint"));
        }
        if (signed.size() == tree.size()) {
            return Uni.createFrom().voidItem();
        }
        return proofs.reader(tree.chainId(), signed.size(), tree.size())
                .map(reader -> {
                    try {
                        return Consistency.proveExtends(signed, tree.size(), tree.root(), reader);
                    } catch (InvalidProofException | IllegalStateException e) {
                        throw new Refusal("the stored tree of size " + tree.size() + " does not extend the previous"
                                + " checkpoint of size " + signed.size() + ": " + e.getMessage());
                    }
                })
                .replaceWithVoid();
    }

    private Uni<Void> refuse(TreeState tree, String reason) {
        registry.counter("pjctrl.checkpoint.refused", "chain_id", tree.chainId()).increment();
        Log.errorf("Refusing to sign a checkpoint of %s at size %d: %s", tree.chainId(), tree.size(), reason);
        if (!refusing.add(tree.chainId())) {
            return Uni.createFrom().voidItem();
        }
        return alerts.raise(RULE_INCONSISTENT, "critical", "no checkpoint of " + tree.chainId() + " is signed: "
                + reason).replaceWithVoid();
    }

    private Uni<Void> store(TreeState tree, String headChecksum) {
        Instant now = Timestamps.truncate(Instant.now());
        Checkpoint checkpoint = new Checkpoint(originPrefix + "/" + tree.chainId(), tree.size(), tree.rootHex(), now);
        String note = keys.signer().sign(checkpoint);
        UUID id = UUID.randomUUID();
        return repository.insert(id, tree.chainId(), tree.size(), headChecksum, tree.rootHex(), checkpoint.origin(),
                keys.signer().keyId(), note, now)
                .invoke(() -> marks.put(tree.chainId(), new Mark(tree.size(), now)))
                .invoke(() -> {
                    if (refusing.remove(tree.chainId())) {
                        Log.infof("Checkpoints of %s are signed again, at size %d", tree.chainId(), tree.size());
                    }
                })
                .chain(stored -> stored
                        ? publish(tree.chainId(), note)
                                .invoke(() -> witnesses.submitLater(new Witnesses.Submission(id, tree.chainId(),
                                        tree.size(), note)))
                        : Uni.createFrom().voidItem());
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
