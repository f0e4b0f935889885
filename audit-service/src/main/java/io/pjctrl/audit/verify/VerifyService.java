package io.pjctrl.audit.verify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import io.pjctrl.audit.privacy.ArchivedThrough;
import io.pjctrl.audit.privacy.RetentionRepository;
import io.pjctrl.audit.tlog.TlogRepository;
import io.pjctrl.audit.tlog.TreeState;
import io.pjctrl.audit.web.InvalidParameterException;
import io.pjctrl.audit.web.NotFoundProblem;
import io.pjctrl.contract.note.VerifierKey;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Integrity verification: walks each chain in seq order from a database cursor (memory bounded by the fetch size,
 * whatever the chain length; {@code pjctrl.api.verify-parallelism} chains at a time, each in its own snapshot),
 * recomputing every checksum and link with the chain package and the chain's Merkle tree from its entries, compares
 * every signed checkpoint in range, the stored tree and its tiles ({@link TreeCheck}), the checkpoints held outside
 * the database ({@link OutsideCheckpoints}, {@link HeldComparison}), optionally the Kafka records the entries came
 * from ({@link Reconciliation}), and adds the recorded aggregate version gaps. An invalid result raises a critical
 * alert.
 */
@ApplicationScoped
public class VerifyService {

    static final int MAX_FAILURES = 1000;

    private final AuditLogRepository log;
    private final CheckpointRepository checkpoints;
    private final TlogRepository tlog;
    private final OutsideCheckpoints outside;
    private final TreeCheck trees;
    private final Reconciliation reconciliation;
    private final AlertService alerts;
    private final Set<VerifierKey> pinnedKeys;
    private final MeterRegistry meters;
    private final int parallelism;
    private final String originPrefix;
    private final RetentionRepository archived;

    public VerifyService(AuditLogRepository log, CheckpointRepository checkpoints, TlogRepository tlog,
            OutsideCheckpoints outside, TreeCheck trees, Reconciliation reconciliation, AlertService alerts,
            SigningKeys signingKeys, AuditServiceConfig config, MeterRegistry meters, RetentionRepository archived) {
        this.log = log;
        this.archived = archived;
        this.checkpoints = checkpoints;
        this.tlog = tlog;
        this.outside = outside;
        this.trees = trees;
        this.reconciliation = reconciliation;
        this.meters = meters;
        this.parallelism = config.api().verifyParallelism();
        this.originPrefix = config.checkpoint().originPrefix();
        this.alerts = alerts;
        Set<VerifierKey> pinned = new HashSet<>();
        pinned.add(signingKeys.signer().verifierKey());
        config.checkpoint().retiredKeys().orElse(List.of()).forEach(r -> pinned.add(VerifierKey.parse(r.verifierKey())));
        this.pinnedKeys = Set.copyOf(pinned);
    }

    public Uni<VerifyReport> verify(VerifyScope scope) {
        if (scope.reconcile() && (scope.fromSeq() != 1 || scope.toSeq() != Long.MAX_VALUE)) {
            return Uni.createFrom().failure(new InvalidParameterException("reconcile",
                    "reconcile compares whole chains with their partitions: leave from_seq and to_seq out"));
        }
        Timer.Sample started = Timer.start(meters);
        return checkpoints.publishedKeys()
                .map(keys -> new LogKeys(keys, pinnedKeys, originPrefix))
                .chain(keys -> outside.collect(scope, keys)
                        .chain(held -> chains(scope, held)
                                .chain(chains -> Multi.createFrom()
                                        .iterable(chains)
                                        .onItem()
                                        .transformToUni(chain -> verifyChain(chain, scope, held, keys))
                                        .merge(parallelism)
                                        .collect()
                                        .asList())))
                // Walks finish in any order; the report lists chains by id.
                .map(results -> results.stream()
                        .sorted(Comparator.comparing(result -> result.report().chainId()))
                        .toList())
                .chain(results -> versionGaps(scope).map(gaps -> report(results, gaps)))
                .call(this::alertWhenInvalid)
                .invoke(report -> started.stop(meters.timer("pjctrl.verify.duration", "status", report.status())))
                .invoke(report -> meters.counter("pjctrl.verify.entries").increment(report.checked()));
    }

    private Uni<ChainResult> verifyChain(String chainId, VerifyScope scope, OutsideCheckpoints.Outside held,
            LogKeys keys) {
        return archived.archivedThrough(chainId)
                .chain(through -> verifyChain(chainId, scope, held, keys, through.orElse(null)));
    }

    /**
     * With a range archived by retention ({@code archived}, seqs 1..n left the log), the walk starts at n + 1 and
     * links it to the archived last checksum: the chain verifies from its minimum index, and checkpoints of the
     * archived range are not compared with entries the log no longer holds (the stored tree still is).
     */
    private Uni<ChainResult> verifyChain(String chainId, VerifyScope requested, OutsideCheckpoints.Outside held,
            LogKeys keys, ArchivedThrough archived) {
        VerifyScope scope = archived == null || requested.fromSeq() > archived.lastSeq()
                ? requested
                : new VerifyScope(requested.chainId(), archived.lastSeq() + 1, requested.toSeq(), requested.held(),
                        requested.reconcile());
        List<VerifyFailure> checkpointFailures = new ArrayList<>();
        List<OutsideCheck> outsideChecks = held.problemsOf(chainId);
        // The published keys are read after the chain's checkpoints: a key is published before the first checkpoint
        // it signs is stored, so every checkpoint read here finds its key. (Read once before a long walk, the keys
        // missed one published meanwhile, e.g. at a service's first checkpoint, and its checkpoints showed as
        // untrusted: bench/verify.sh found it over 5 M entries.)
        return checkpoints.checkpoints(chainId, scope.fromSeq(), scope.toSeq())
                .chain(stored -> checkpoints.publishedKeys()
                        .map(published -> new CheckpointTrust(published, pinnedKeys))
                        .map(trust -> stored.stream()
                                .map(c -> trust.check(c, checkpointFailures))
                                .filter(c -> c != null)
                                .toList()))
                .chain(trusted -> tlog.tree(chainId)
                        .chain(tree -> outside.witnesses(originPrefix + "/" + chainId, outsideChecks, keys)
                                .map(witnessed -> {
                                    Map<String, List<HeldNote>> notes = new LinkedHashMap<>(held.of(chainId));
                                    notes.putAll(witnessed);
                                    return notes;
                                })
                                .chain(notes -> walk(chainId, scope, trusted, tree.orElse(null), notes, archived)
                                        .chain(walk -> afterWalk(chainId, scope, tree.orElse(null), notes, walk,
                                                checkpointFailures, outsideChecks, archived)))));
    }

    private Uni<Walked> walk(String chainId, VerifyScope scope, List<TrustedCheckpoint> trusted, TreeState tree,
            Map<String, List<HeldNote>> notes, ArchivedThrough archived) {
        Set<Long> heldSizes = new HashSet<>();
        notes.values().forEach(list -> list.forEach(n -> heldSizes.add(n.size())));
        Set<Long> sizes = new HashSet<>(heldSizes);
        trusted.stream().filter(TrustedCheckpoint::root).forEach(c -> sizes.add(c.seq()));
        long treeSize = tree == null ? 0 : tree.size();
        sizes.add(treeSize);
        boolean whole = scope.fromGenesis() && scope.toSeq() == Long.MAX_VALUE;
        EntryTree rebuilt = whole ? new EntryTree(sizes, treeSize) : null;
        Uni<String> before = archived != null && scope.fromSeq() == archived.lastSeq() + 1
                ? Uni.createFrom().item(archived.lastChecksum())
                : predecessorChecksum(chainId, scope.fromSeq());
        return before
                .chain(predecessor -> reconciliation.start(chainId, scope.reconcile())
                        .chain(reconcile -> {
                            List<VerifyFailure> late = new ArrayList<>();
                            ChainWalk walk = new ChainWalk(chainId, scope.fromSeq(), predecessor, trusted, heldSizes,
                                    rebuilt, reconcile.walk(late::add), MAX_FAILURES);
                            return trees.walkAndCompareTiles(chainId, treeSize, log.chain(chainId, scope.fromSeq(),
                                    scope.toSeq()), walk)
                                    .map(ignored -> new Walked(walk, walk.finish(), reconcile, late))
                                    .eventually(reconcile::close);
                        }));
    }

    private Uni<ChainResult> afterWalk(String chainId, VerifyScope scope, TreeState tree,
            Map<String, List<HeldNote>> notes, Walked walked, List<VerifyFailure> checkpointFailures,
            List<OutsideCheck> outsideChecks, ArchivedThrough archived) {
        ChainWalk walk = walked.walk();
        checkpointFailures.forEach(walk::fail);
        walked.late().forEach(walk::fail);
        long treeSize = tree == null ? 0 : tree.size();
        trees.compareRoot(chainId, tree, walk).forEach(walk::fail);
        return trees.storedComparisons(chainId, tree, HeldComparison.largest(notes))
                .chain(stored -> {
                    List<VerifyFailure> found = new ArrayList<>();
                    outsideChecks.addAll(0, new HeldComparison(chainId, treeSize).compare(notes, walk,
                            note -> stored.getOrDefault(note.source(), Optional.empty()), found));
                    found.forEach(walk::fail);
                    return reconciliation.settle(walked.reconcile(), walk::fail);
                })
                .map(reconciled -> {
                    ChainReport base = walked.report();
                    ChainReport report = new ChainReport(base.chainId(),
                            walk.failureCount() == 0 ? VerifyReport.VALID : VerifyReport.INVALID, base.checked(),
                            base.firstSeq(), base.headSeq(), base.headChecksum(), base.checkpointSeq(),
                            base.checkpointKeyId(), walk.failureCount(), tree == null ? null : tree.size(),
                            tree == null ? null : java.util.Base64.getEncoder().encodeToString(tree.root()),
                            List.copyOf(outsideChecks), reconciled, archived);
                    return new ChainResult(report, walk.failures());
                });
    }

    /**
     * Every chain that has entries or checkpoints (a chain whose entries were all deleted still has the latter), or
     * that a checkpoint held outside names (one whose rows were all deleted is then still verified).
     */
    private Uni<List<String>> chains(VerifyScope scope, OutsideCheckpoints.Outside held) {
        if (scope.chainId() == null) {
            return log.chainIds()
                    .chain(logged -> checkpoints.checkpointedChains()
                            .map(checkpointed -> {
                                TreeSet<String> all = new TreeSet<>(logged);
                                all.addAll(checkpointed);
                                all.addAll(held.chains());
                                return List.copyOf(all);
                            }));
        }
        return log.chainExists(scope.chainId())
                .chain(found -> found ? Uni.createFrom().item(true) : checkpoints.hasCheckpoints(scope.chainId()))
                .map(found -> {
                    if (!found && !held.chains().contains(scope.chainId())) {
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

    private record Walked(ChainWalk walk, ChainReport report, Reconciliation.Started reconcile,
            List<VerifyFailure> late) {
    }

    private record ChainResult(ChainReport report, List<VerifyFailure> failures) {
    }
}
