package io.pjctrl.audit.verify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pjctrl.audit.AuditServiceConfig;
import io.pjctrl.audit.alert.AlertService;
import io.pjctrl.audit.checkpoint.SigningKeys;
import io.pjctrl.audit.query.EntryStreams;
import io.pjctrl.audit.query.SqlQuery;
import io.pjctrl.audit.query.StoredEntry;
import io.pjctrl.audit.web.NotFoundProblem;
import io.pjctrl.contract.note.VerifierKey;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Integrity verification: walks each chain in seq order from a database cursor (memory bounded by the fetch size,
 * whatever the chain length; {@code pjctrl.api.verify-parallelism} chains at a time, each in its own snapshot),
 * recomputing every checksum and link with the chain package, compares every signed checkpoint in range, and adds
 * the recorded aggregate version gaps. An invalid result raises a critical alert.
 */
@ApplicationScoped
public class VerifyService {

    static final int MAX_FAILURES = 1000;

    private static final String CHAINS = """
            WITH RECURSIVE chains AS (
                (SELECT chain_id FROM audit_logs ORDER BY chain_id LIMIT 1)
                UNION ALL
                SELECT (SELECT l.chain_id FROM audit_logs l WHERE l.chain_id > chains.chain_id ORDER BY l.chain_id LIMIT 1)
                FROM chains WHERE chains.chain_id IS NOT NULL)
            SELECT chain_id FROM chains WHERE chain_id IS NOT NULL
            UNION
            SELECT DISTINCT chain_id FROM audit_checkpoints
            ORDER BY chain_id
            """;

    private final Pool pool;
    private final EntryStreams streams;
    private final AlertService alerts;
    private final Set<VerifierKey> pinnedKeys;
    private final MeterRegistry meters;
    private final int parallelism;

    public VerifyService(Pool pool, EntryStreams streams, AlertService alerts, SigningKeys signingKeys,
            AuditServiceConfig config, MeterRegistry meters) {
        this.pool = pool;
        this.meters = meters;
        this.parallelism = config.api().verifyParallelism();
        this.streams = streams;
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
        return checkpoints(chainId, scope)
                .chain(stored -> publishedKeys()
                        .map(keys -> new CheckpointTrust(keys, pinnedKeys))
                        .map(trust -> stored.stream()
                                .map(c -> trust.check(c, checkpointFailures))
                                .filter(c -> c != null)
                                .toList()))
                .chain(trusted -> predecessorChecksum(chainId, scope.fromSeq())
                        .chain(predecessor -> streams.stream(entries(chainId, scope))
                                .emitOn(Infrastructure.getDefaultWorkerPool())
                                .collect()
                                .in(() -> new ChainWalk(chainId, scope.fromSeq(), predecessor, trusted, MAX_FAILURES),
                                        ChainWalk::add)))
                .map(walk -> {
                    checkpointFailures.forEach(walk::fail);
                    return new ChainResult(walk.finish(), walk.failures());
                });
    }

    private Uni<List<String>> chains(VerifyScope scope) {
        if (scope.chainId() == null) {
            return pool.query(CHAINS)
                    .execute()
                    .map(rows -> strings(rows, "chain_id"));
        }
        return pool.preparedQuery("SELECT EXISTS (SELECT 1 FROM audit_logs WHERE chain_id = $1)"
                + " OR EXISTS (SELECT 1 FROM audit_checkpoints WHERE chain_id = $1)")
                .execute(Tuple.of(scope.chainId()))
                .map(rows -> rows.iterator().next().getBoolean(0))
                .map(found -> {
                    if (!found) {
                        throw new NotFoundProblem("chain", scope.chainId());
                    }
                    return List.of(scope.chainId());
                });
    }

    private Uni<Map<String, PublishedKey>> publishedKeys() {
        return pool.query("SELECT key_id, public_key, valid_from, valid_until FROM audit_signing_keys")
                .execute()
                .map(rows -> {
                    Map<String, PublishedKey> keys = new HashMap<>();
                    for (Row row : rows) {
                        try {
                            VerifierKey key = VerifierKey.parse(row.getString("public_key"));
                            keys.put(key.keyId(), new PublishedKey(key, row.getOffsetDateTime("valid_from").toInstant(),
                                    row.getOffsetDateTime("valid_until") == null
                                            ? null
                                            : row.getOffsetDateTime("valid_until").toInstant()));
                        } catch (IllegalArgumentException e) {
                            // An unparsable published key verifies nothing; the checkpoints it signed show as untrusted.
                            Log.warnf("Signing key %s in audit_signing_keys is malformed: %s", row.getString("key_id"),
                                    e.getMessage());
                        }
                    }
                    return keys;
                });
    }

    private Uni<List<CheckpointTrust.StoredCheckpoint>> checkpoints(String chainId, VerifyScope scope) {
        return pool.preparedQuery("SELECT id, chain_id, seq, head_checksum, origin, key_id, signed_note"
                + " FROM audit_checkpoints WHERE chain_id = $1 AND seq BETWEEN $2 AND $3 ORDER BY seq")
                .execute(Tuple.of(chainId, scope.fromSeq(), scope.toSeq()))
                .map(rows -> {
                    List<CheckpointTrust.StoredCheckpoint> list = new ArrayList<>();
                    rows.forEach(r -> list.add(new CheckpointTrust.StoredCheckpoint(r.getUUID("id"),
                            r.getString("chain_id"), r.getLong("seq"), r.getString("head_checksum").trim(),
                            r.getString("origin"), r.getString("key_id"), r.getString("signed_note"))));
                    return list;
                });
    }

    private Uni<String> predecessorChecksum(String chainId, long fromSeq) {
        if (fromSeq <= 1) {
            return Uni.createFrom().nullItem();
        }
        return pool.preparedQuery("SELECT checksum FROM audit_logs WHERE chain_id = $1 AND seq = $2")
                .execute(Tuple.of(chainId, fromSeq - 1))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("checksum"));
    }

    private static SqlQuery entries(String chainId, VerifyScope scope) {
        return new SqlQuery("SELECT " + StoredEntry.COLUMNS
                + " FROM audit_logs WHERE chain_id = $1 AND seq BETWEEN $2 AND $3 ORDER BY seq",
                Tuple.of(chainId, scope.fromSeq(), scope.toSeq()));
    }

    /** Version gaps say an event never reached the log; they concern the whole log, not one chain or range. */
    private Uni<List<VerifyFailure>> versionGaps(VerifyScope scope) {
        if (!scope.wholeLog()) {
            return Uni.createFrom().item(List.of());
        }
        return pool.query("SELECT g.resource_type, g.resource_id, g.expected_version, g.received_version, g.event_id,"
                + " l.id AS entry_id, l.chain_id, l.seq FROM audit_version_gaps g"
                + " LEFT JOIN audit_logs l ON l.event_id = g.event_id ORDER BY g.detected_at, g.id")
                .execute()
                .map(rows -> {
                    List<VerifyFailure> gaps = new ArrayList<>();
                    rows.forEach(r -> gaps.add(new VerifyFailure(r.getString("chain_id"), r.getLong("seq"),
                            r.getUUID("entry_id"), "version_gap", Long.toString(r.getLong("expected_version")),
                            Long.toString(r.getLong("received_version")),
                            r.getString("resource_type") + "/" + r.getString("resource_id") + ": expected version "
                                    + r.getLong("expected_version") + " but received " + r.getLong("received_version")
                                    + " (an event is missing)",
                            r.getString("resource_type"), r.getString("resource_id"), r.getUUID("event_id"))));
                    return gaps;
                });
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

    private static List<String> strings(Iterable<Row> rows, String column) {
        List<String> values = new ArrayList<>();
        rows.forEach(row -> values.add(row.getString(column)));
        return values;
    }

    private record ChainResult(ChainReport report, List<VerifyFailure> failures) {
    }
}
