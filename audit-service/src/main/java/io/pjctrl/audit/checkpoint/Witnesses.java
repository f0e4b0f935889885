package io.pjctrl.audit.checkpoint;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pjctrl.audit.AuditServiceConfig;
import io.pjctrl.audit.alert.AlertService;
import io.pjctrl.contract.chain.Timestamps;
import io.pjctrl.contract.tlog.VerifierKey;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Submits each new checkpoint to the configured witnesses (C2SP tlog-witness, through {@link WitnessClient}), stores
 * the cosignatures that verify and holds every chain to the k-of-n policy: a checkpoint with fewer than
 * {@code pjctrl.witness.quorum} cosignatures is not witnessed ({@code pjctrl_checkpoint_witnessed} 0, one
 * {@value #RULE_QUORUM} alert per chain until a checkpoint reaches the quorum again). A witness that does not answer
 * or refuses never blocks ingest or signing: the latest checkpoint is submitted again every
 * {@code pjctrl.witness.retry-interval}.
 */
// Startup: a malformed witness vkey or a quorum above the number of witnesses fails the boot.
@Startup
@ApplicationScoped
public class Witnesses {

    public static final String RULE_QUORUM = "witness_quorum_not_reached";

    /** A stored format-2 checkpoint to submit: its row id, chain, tree size and signed note. */
    public record Submission(UUID checkpointId, String chainId, long size, String signedNote) {
    }

    private final List<WitnessClient> clients;
    private final int quorum;
    private final CosignatureRepository cosignatures;
    private final CheckpointRepository checkpoints;
    private final TreeProofs proofs;
    private final AlertService alerts;
    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> cosigned = new ConcurrentHashMap<>();
    private final Set<String> belowQuorum = ConcurrentHashMap.newKeySet();
    private final Map<String, Boolean> inFlight = new ConcurrentHashMap<>();

    public Witnesses(AuditServiceConfig config, CosignatureRepository cosignatures, CheckpointRepository checkpoints,
            TreeProofs proofs, AlertService alerts, MeterRegistry registry) {
        Duration timeout = config.witness().timeout();
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.clients = config.witnesses().orElse(List.of()).stream()
                .map(w -> new WitnessClient(w.url(), parse(w.verifierKey()), http, timeout))
                .toList();
        this.quorum = config.witness().quorum();
        if (quorum < 0 || quorum > clients.size()) {
            throw new IllegalStateException("pjctrl.witness.quorum is " + quorum + ", but " + clients.size()
                    + " witness(es) are configured in pjctrl.witnesses");
        }
        this.cosignatures = cosignatures;
        this.checkpoints = checkpoints;
        this.proofs = proofs;
        this.alerts = alerts;
        this.registry = registry;
        clients.forEach(c -> Log.infof("Checkpoints are submitted to witness %s", c.id()));
    }

    public int quorum() {
        return quorum;
    }

    public boolean configured() {
        return !clients.isEmpty();
    }

    /**
     * Submits the latest format-2 checkpoint of every chain again to the witnesses that have not cosigned it (a
     * witness that was down, or a checkpoint another replica signed and could not submit).
     */
    @Scheduled(every = "${pjctrl.witness.retry-interval:30s}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> resubmit() {
        if (!configured()) {
            return Uni.createFrom().voidItem();
        }
        return checkpoints.latestTreeCheckpoints()
                .onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .onItem().transformToUniAndConcatenate(c -> submit(new Submission(c.id(), c.chainId(), c.seq(),
                        c.signedNote())))
                .collect().last()
                .replaceWithVoid()
                .onFailure().invoke(e -> Log.warnf(e, "Witness resubmission failed; the next run retries"))
                .onFailure().recoverWithNull();
    }

    /** Submits in the background: signing and ingest never wait for a witness. */
    public void submitLater(Submission checkpoint) {
        if (!configured()) {
            return;
        }
        submit(checkpoint).subscribe().with(done -> {
        }, e -> Log.warnf(e, "Witness submission of %s at size %d failed; retried later", checkpoint.chainId(),
                checkpoint.size()));
    }

    /**
     * Submits {@code checkpoint} to every witness that has not cosigned it yet (one submission per chain at a time),
     * stores the verified cosignatures, then updates the chain's gauges and raises the quorum alert if needed.
     */
    public Uni<Void> submit(Submission checkpoint) {
        if (!configured() || inFlight.putIfAbsent(checkpoint.chainId(), Boolean.TRUE) != null) {
            return Uni.createFrom().voidItem();
        }
        return cosignatures.of(checkpoint.checkpointId())
                .map(done -> done.stream().map(c -> c.witnessName() + "+" + c.witnessKeyId()).collect(Collectors.toSet()))
                .chain(done -> {
                    List<Uni<WitnessOutcome>> pending = clients.stream()
                            .filter(client -> !done.contains(client.id()))
                            .map(client -> submitTo(client, checkpoint))
                            .toList();
                    return pending.isEmpty()
                            ? Uni.createFrom().item(List.<WitnessOutcome>of())
                            : Uni.join().all(pending).andFailFast();
                })
                .chain(outcomes -> cosignatures.count(checkpoint.checkpointId())
                        .chain(count -> judge(checkpoint, count, outcomes)))
                .eventually(() -> inFlight.remove(checkpoint.chainId()));
    }

    private Uni<WitnessOutcome> submitTo(WitnessClient client, Submission checkpoint) {
        String name = client.key().name();
        String keyId = keyId(client.key());
        return cosignatures.latestCosignedSize(checkpoint.chainId(), name, keyId)
                .chain(known -> client.submit(checkpoint.signedNote(), checkpoint.size(),
                        Math.min(known, checkpoint.size()),
                        from -> proofs.consistency(checkpoint.chainId(), from, checkpoint.size())))
                .call(outcome -> outcome.kind() == WitnessOutcome.Kind.COSIGNED
                        ? cosignatures.insert(checkpoint.checkpointId(), name, keyId,
                                outcome.cosignature().line().stripTrailing(),
                                Instant.ofEpochSecond(outcome.timestamp()), Timestamps.truncate(Instant.now()))
                        : Uni.createFrom().voidItem())
                .invoke(outcome -> record(client, checkpoint, outcome));
    }

    private void record(WitnessClient client, Submission checkpoint, WitnessOutcome outcome) {
        registry.counter("pjctrl.witness.submissions", "witness", client.id(), "outcome", outcome.tag()).increment();
        String message = "Witness %s on %s at size %d (old %d): %s";
        if (outcome.kind() == WitnessOutcome.Kind.COSIGNED) {
            Log.debugf(message, client.id(), checkpoint.chainId(), checkpoint.size(), outcome.oldSize(), outcome.tag());
        } else if (outcome.status() == 422) {
            // The witness holds a checkpoint this tree does not extend: evidence that history was rewritten.
            Log.errorf(message, client.id(), checkpoint.chainId(), checkpoint.size(), outcome.oldSize(), outcome.detail());
        } else {
            Log.warnf(message, client.id(), checkpoint.chainId(), checkpoint.size(), outcome.oldSize(), outcome.detail());
        }
    }

    private Uni<Void> judge(Submission checkpoint, int count, List<WitnessOutcome> outcomes) {
        gauge(checkpoint.chainId()).set(count);
        if (count >= quorum) {
            if (belowQuorum.remove(checkpoint.chainId())) {
                Log.infof("Checkpoint of %s at size %d is witnessed again (%d of quorum %d)", checkpoint.chainId(),
                        checkpoint.size(), count, quorum);
            }
            return Uni.createFrom().voidItem();
        }
        if (!belowQuorum.add(checkpoint.chainId())) {
            return Uni.createFrom().voidItem();
        }
        String reasons = outcomes.stream()
                .filter(o -> o.kind() != WitnessOutcome.Kind.COSIGNED)
                .map(o -> o.tag() + " (" + o.detail() + ")")
                .collect(Collectors.joining("; "));
        return alerts.raise(RULE_QUORUM, "high", "checkpoint of " + checkpoint.chainId() + " at size "
                + checkpoint.size() + " has " + count + " cosignature(s), quorum is " + quorum
                + (reasons.isEmpty() ? "" : ": " + reasons))
                .replaceWithVoid();
    }

    private AtomicInteger gauge(String chainId) {
        return cosigned.computeIfAbsent(chainId, id -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder("pjctrl.checkpoint.cosignatures", value, AtomicInteger::get)
                    .description("Verified witness cosignatures of the chain's latest submitted checkpoint")
                    .tag("chain_id", id)
                    .register(registry);
            Gauge.builder("pjctrl.checkpoint.witnessed", value, v -> v.get() >= quorum ? 1 : 0)
                    .description("1 when the chain's latest submitted checkpoint reached the witness quorum")
                    .tag("chain_id", id)
                    .register(registry);
            return value;
        });
    }

    static String keyId(VerifierKey key) {
        return String.format("%08x", key.keyId());
    }

    private static VerifierKey parse(String vkey) {
        try {
            return VerifierKey.parse(vkey);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("pjctrl.witnesses[].verifier-key is not a vkey: " + e.getMessage(), e);
        }
    }
}
