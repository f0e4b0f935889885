package io.pjctrl.audit.verify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pjctrl.audit.AuditServiceConfig;
import io.pjctrl.audit.alert.AlertService;
import io.pjctrl.audit.checkpoint.CheckpointRepository;
import io.pjctrl.audit.checkpoint.SigningKeys;
import io.pjctrl.audit.log.AuditLogRepository;
import io.pjctrl.audit.web.NotFoundProblem;
import io.pjctrl.contract.note.VerifierKey;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Integrity verification: walks each chain in seq order from a database cursor (memory bounded by the fetch size,
 * whatever the chain length; {@code pjctrl.api.verify-parallelism} chains at a time, each in its own snapshot),
 * recomputing every checksum and link with the chain package, compares every signed checkpoint in range, and adds
 * the recorded aggregate version gaps. An invalid result raises a critical alert.
 */
@ApplicationScoped
public class VerifyService {

    static final int MAX_FAILURES = 1000;

    private final AuditLogRepository log;
    private final CheckpointRepository checkpoints;
    private final AlertService alerts;
    private final Set<VerifierKey> pinnedKeys;
    private final MeterRegistry meters;
    private final int parallelism;

    public VerifyService(AuditLogRepository log, CheckpointRepository checkpoints, AlertService alerts,
            SigningKeys signingKeys, AuditServiceConfig config, MeterRegistry meters) {
        this.log = log;
        this.checkpoints = checkpoints;
        this.meters = meters;
        this.parallelism = config.api().verifyParallelism();
        this.alerts = alerts;
        Set<VerifierKey> pinned = new HashSet<>();
        pinned.add(signingKeys.signer().verifierKey());
        config.checkpoint().retiredKeys().orElse(List.of()).forEach(r -> pinned.add(VerifierKey.parse(r.verifierKey())));
        this.pinnedKeys = Set.copyOf(pinned);
    }

    public Uni<VerifyReport> verify(VerifyScope scope) {
        Timer.Sample started = Timer.start(meters);
        return chains(scope)
                .chain(chains -> Multi.createFrom()
                        .iterable(chains)
                        .onItem()
                        .transformToUni(chain -> verifyChain(chain, scope))
                        .merge(parallelism)
                        .collect()
                        .asList()
                        // Walks finish in any order; the report lists chains by id.
                        .map(results -> results.stream()
                                .sorted(Comparator.comparing(result -> result.report().chainId()))
                                .toList()))
                .chain(results -> versionGaps(scope).map(gaps -> report(results, gaps)))
                .call(this::alertWhenInvalid)
                .invoke(report -> started.stop(meters.timer("pjctrl.verify.duration", "status", report.status())))
                .invoke(report -> meters.counter("pjctrl.verify.entries").increment(report.checked()));
    }

    private Uni<ChainResult> verifyChain(String chainId, VerifyScope scope) {
        List<VerifyFailure> checkpointFailures = new ArrayList<>();
        // The published keys are read after the chain's checkpoints: a key is published before the first checkpoint
        // it signs is stored, so every checkpoint read here finds its key. (Read once before a long walk, the keys
        // missed one published meanwhile, e.g. at a service's first checkpoint, and its checkpoints showed as
        // untrusted: bench/verify.sh found it over 5 M entries.)
        return checkpoints.checkpoints(chainId, scope.fromSeq(), scope.toSeq())
                .chain(stored -> checkpoints.publishedKeys()
                        .map(keys -> new CheckpointTrust(keys, pinnedKeys))
                        .map(trust -> stored.stream()
                                .map(c -> trust.check(c, checkpointFailures))
                                .filter(c -> c != null)
                                .toList()))
                .chain(trusted -> predecessorChecksum(chainId, scope.fromSeq())
                        .chain(predecessor -> log.chain(chainId, scope.fromSeq(), scope.toSeq())
                                .emitOn(Infrastructure.getDefaultWorkerPool())
                                .collect()
                                .in(() -> new ChainWalk(chainId, scope.fromSeq(), predecessor, trusted, MAX_FAILURES),
                                        ChainWalk::add)))
                .map(walk -> {
                    checkpointFailures.forEach(walk::fail);
                    return new ChainResult(walk.finish(), walk.failures());
                });
    }

    /** Every chain that has entries or checkpoints (a chain whose entries were all deleted still has the latter). */
    private Uni<List<String>> chains(VerifyScope scope) {
        if (scope.chainId() == null) {
            return log.chainIds()
                    .chain(logged -> checkpoints.checkpointedChains()
                            .map(checkpointed -> {
                                TreeSet<String> all = new TreeSet<>(logged);
                                all.addAll(checkpointed);
                                return List.copyOf(all);
                            }));
        }
        return log.chainExists(scope.chainId())
                .chain(found -> found ? Uni.createFrom().item(true) : checkpoints.hasCheckpoints(scope.chainId()))
                .map(found -> {
                    if (!found) {
                        throw new NotFoundProblem("chain", scope.chainId());
                    }
                    return List.of(scope.chainId());
                });
    }

    private Uni<String> predecessorChecksum(String chainId, long fromSeq) {
        if (fromSeq <= 1) {
            return Uni.createFrom().nullItem();
        }
        return log.checksumAt(chainId, fromSeq - 1);
    }

    /** Version gaps say an event never reached the log; they concern the whole log, not one chain or range. */
    private Uni<List<VerifyFailure>> versionGaps(VerifyScope scope) {
        if (!scope.wholeLog()) {
            return Uni.createFrom().item(List.of());
        }
        return log.versionGaps()
                .map(gaps -> gaps.stream()
                        .map(g -> new VerifyFailure(g.chainId(), g.seq(), g.entryId(), "version_gap",
                                Long.toString(g.expected()), Long.toString(g.received()),
                                g.resourceType() + "/" + g.resourceId() + ": expected version " + g.expected()
                                        + " but received " + g.received() + " (an event is missing)",
                                g.resourceType(), g.resourceId(), g.eventId()))
                        .toList());
    }

    private static VerifyReport report(List<ChainResult> results, List<VerifyFailure> versionGaps) {
        List<VerifyFailure> failures = new ArrayList<>();
        long failureCount = versionGaps.size();
        long checked = 0;
        for (ChainResult result : results) {
            failures.addAll(result.failures());
            failureCount += result.report().failures();
            checked += result.report().checked();
        }
        failures.addAll(versionGaps);
        boolean truncated = failures.size() > MAX_FAILURES || failureCount > failures.size();
        List<VerifyFailure> listed = failures.size() > MAX_FAILURES ? failures.subList(0, MAX_FAILURES) : failures;
        return new VerifyReport(failureCount == 0 ? VerifyReport.VALID : VerifyReport.INVALID, checked,
                results.stream().map(ChainResult::report).toList(), List.copyOf(listed), truncated, Instant.now());
    }

    private Uni<Void> alertWhenInvalid(VerifyReport report) {
        if (report.status().equals(VerifyReport.VALID)) {
            return Uni.createFrom().voidItem();
        }
        VerifyFailure first = report.failures().get(0);
        String message = "Integrity verification failed: " + report.failures().size()
                + (report.failuresTruncated() ? "+" : "") + " failure(s); first: " + first.kind() + " - "
                + first.detail();
        return alerts.integrityVerificationFailed(message)
                .onFailure()
                .invoke(e -> Log.errorf(e, "Could not raise the alert for a failed verification: %s", message))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    private record ChainResult(ChainReport report, List<VerifyFailure> failures) {
    }
}
