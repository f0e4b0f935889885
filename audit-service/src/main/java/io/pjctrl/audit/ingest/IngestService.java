package io.pjctrl.audit.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.pjctrl.audit.AuditServiceConfig;
import io.pjctrl.audit.alert.AlertPublisher;
import io.pjctrl.audit.alert.AlertRules;
import io.pjctrl.audit.checkpoint.CheckpointService;
import io.pjctrl.audit.directory.DirectoryRepository;
import io.pjctrl.audit.log.AuditLogWriter;
import io.pjctrl.audit.log.LogPartitions;
import io.pjctrl.audit.ocsf.OcsfPublisher;
import io.pjctrl.audit.privacy.EntryOpening;
import io.pjctrl.audit.privacy.PersonalData;
import io.pjctrl.audit.tlog.TreeBuilder;
import io.pjctrl.audit.tlog.TreeWriter;
import io.pjctrl.contract.chain.AuditEntry;
import io.pjctrl.contract.chain.ChainHead;
import io.pjctrl.contract.chain.ChainIds;
import io.pjctrl.contract.chain.ChainedEntry;
import io.pjctrl.contract.chain.Checksums;
import io.pjctrl.contract.chain.EntrySource;
import io.pjctrl.contract.chain.Timestamps;
import io.pjctrl.contract.event.ValidEvent;
import io.pjctrl.contract.privacy.Opening;
import io.pjctrl.contract.privacy.PersonalValues;
import io.pjctrl.contract.tlog.Rfc6962;
import io.pjctrl.ids.TimeOrderedIds;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Stores one batch of valid events in ONE transaction (after making sure the partitions of its months exist): drop
 * already stored event ids, chain the rest (one chain per partition, head read inside the transaction), record
 * version gaps (against each resource's version head, which the transaction advances), insert, learn the names they
 * carry (the directory), append them to their chains' Merkle trees (tiles), raise alerts. Only after the commit do
 * checkpoints, the OCSF records (when enabled) and alert notifications happen,
 * and only after this Uni completes are Kafka offsets committed.
 *
 * <p>
 * Two writers on one chain (a zombie after a rebalance, or a second instance in the test) cannot fork it: both
 * compute seq = head + 1, the unique (chain_id, seq) lets only one commit, the other's transaction fails. The whole
 * batch is then retried from scratch: it re-reads heads and drops the events the other writer stored meanwhile.
 */
@ApplicationScoped
public class IngestService {

    private final Pool pool;
    private final AuditLogWriter log;
    private final VersionGaps versions;
    private final LogPartitions partitions;
    private final SensitivityTable sensitivity;
    private final AlertRules alerts;
    private final AlertPublisher alertPublisher;
    private final CheckpointService checkpoints;
    private final TreeWriter trees;
    private final TreeBuilder treeBuilder;
    private final DirectoryRepository directory;
    private final IngestMetrics metrics;
    private final OcsfPublisher ocsf;
    private final PersonalData personalData;
    private final String chainPrefix;
    private final AuditServiceConfig.Ingest config;
    private final Map<Integer, String> chainIds = new ConcurrentHashMap<>();

    public IngestService(Pool pool, AuditLogWriter log, VersionGaps versions, LogPartitions partitions,
            SensitivityTable sensitivity,
            AlertRules alerts, AlertPublisher alertPublisher, CheckpointService checkpoints, TreeWriter trees,
            TreeBuilder treeBuilder, DirectoryRepository directory, IngestMetrics metrics, OcsfPublisher ocsf,
            PersonalData personalData, AuditServiceConfig config) {
        this.pool = pool;
        this.log = log;
        this.versions = versions;
        this.partitions = partitions;
        this.sensitivity = sensitivity;
        this.alerts = alerts;
        this.alertPublisher = alertPublisher;
        this.checkpoints = checkpoints;
        this.trees = trees;
        this.treeBuilder = treeBuilder;
        this.directory = directory;
        this.metrics = metrics;
        this.ocsf = ocsf;
        this.personalData = personalData;
        this.chainPrefix = config.ingest().chainPrefix();
        this.config = config.ingest();
    }

    /** The chain of a partition: stable as long as the topic and prefix are. */
    public String chainId(int partition) {
        // One String per partition, so its hash is computed once, not per entry of every batch (map keys below).
        return chainIds.computeIfAbsent(partition, p -> ChainIds.of(chainPrefix, p));
    }

    /** Stores the batch (retrying the whole transaction on failure), then checkpoints and notifies. */
    public Uni<IngestResult> ingest(List<ValidEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(IngestResult.empty(0));
        }
        // The months' partitions are made before, not inside, the batch transaction: attaching one locks audit_logs
        // (SHARE UPDATE EXCLUSIVE) until the transaction that did it ends.
        List<Instant> occurredAt = events.stream().map(ValidEvent::occurredAt).toList();
        return Uni.createFrom().deferred(() -> partitions.ensure(occurredAt)
                .chain(() -> pool.withTransaction(connection -> store(connection, events))))
                .onFailure().invoke(e -> {
                    partitions.forget();
                    metrics.batchRetried();
                    Log.warnf("Ingest batch of %d events failed, retrying with fresh chain heads: %s", events.size(),
                            e.getMessage());
                })
                .onFailure().retry().withBackOff(config.retryBackoff()).atMost(config.maxAttempts() - 1)
                .call(result -> afterCommit(result));
    }

    private Uni<Void> afterCommit(IngestResult result) {
        metrics.stored(result);
        // Not awaited: catching up a tree over many stored entries must not hold back the offset commit.
        result.laggingTrees().forEach(chainId -> treeBuilder.catchUp(chainId).subscribe().with(done -> {
        }, e -> Log.warnf(e, "Catching up the tree of %s failed; the builder's next run retries", chainId)));
        return checkpoints.onCommitted(result.heads())
                .onFailure().invoke(e -> Log.warnf(e, "Checkpoint after batch failed; the periodic tick retries"))
                .onFailure().recoverWithNull()
                .chain(() -> ocsf.publishEntries(result.stored()))
                .chain(() -> alertPublisher.published(result.alerts()));
    }

    private Uni<IngestResult> store(SqlConnection connection, List<ValidEvent> events) {
        UUID[] ids = events.stream().map(ValidEvent::eventId).toArray(UUID[]::new);
        return log.existingEventIds(connection, ids)
                .chain(existing -> {
                    List<ValidEvent> fresh = dropDuplicates(events, existing);
                    int duplicates = events.size() - fresh.size();
                    if (fresh.isEmpty()) {
                        return Uni.createFrom().item(IngestResult.empty(duplicates));
                    }
                    return storeFresh(connection, fresh, duplicates);
                });
    }

    private Uni<IngestResult> storeFresh(SqlConnection connection, List<ValidEvent> fresh, int duplicates) {
        Instant recordedAt = Timestamps.truncate(Instant.now());
        String[] chains = fresh.stream().map(e -> chainId(e.partition())).distinct().toArray(String[]::new);
        return log.heads(connection, chains)
                .chain(heads -> {
                    Chained batch = chain(fresh, heads, recordedAt);
                    return versionGaps(connection, fresh, heads, batch.heads(), recordedAt).replaceWith(batch);
                })
                .call(batch -> log.insert(connection, batch.entries()))
                .call(() -> directory.learn(connection, fresh))
                .call(batch -> personalData.store(connection, batch.openings()))
                .chain(batch -> trees.append(connection, batch.leaves(), recordedAt)
                        .chain(appended -> alerts.raise(connection, fresh, batch.entries(), recordedAt)
                                .map(raised -> new IngestResult(batch.entries(), duplicates, raised,
                                        batch.heads(), appended.trees(), appended.lagging()))));
    }

    /**
     * A batch's entries as chained, their Merkle leaves (both from one canonical form per entry), the openings of
     * their committed personal values and the new head of each chain it extends (in the order of their first entries).
     */
    private record Chained(List<ChainedEntry> entries, List<TreeWriter.Leaf> leaves, List<EntryOpening> openings,
            List<ChainHead> heads) {
    }

    private static List<ValidEvent> dropDuplicates(List<ValidEvent> events, Set<UUID> stored) {
        Set<UUID> seen = new HashSet<>(stored);
        List<ValidEvent> fresh = new ArrayList<>(events.size());
        for (ValidEvent event : events) {
            if (seen.add(event.eventId())) {
                fresh.add(event);
            }
        }
        return fresh;
    }

    /**
     * Assigns seq, checksums and leaf data in Kafka order, per partition chain, continuing each stored head. Each
     * entry's canonical form is written once, for both its checksum and its leaf (it is the costliest part of it).
     * The canonical form holds each declared personal value as its commitment (docs/integrity.md §18).
     */
    private Chained chain(List<ValidEvent> events, Map<String, ChainHead> heads, Instant recordedAt) {
        Map<String, ChainHead> advanced = new LinkedHashMap<>();
        List<ChainedEntry> chained = new ArrayList<>(events.size());
        List<TreeWriter.Leaf> leaves = new ArrayList<>(events.size());
        List<EntryOpening> openings = new ArrayList<>();
        for (ValidEvent e : events) {
            String chainId = chainId(e.partition());
            ChainHead head = advanced.get(chainId);
            if (head == null) {
                head = heads.getOrDefault(chainId, new ChainHead(chainId, 0, Checksums.GENESIS));
            }
            UUID id = TimeOrderedIds.next();
            PersonalValues.Committed committed = PersonalValues.commit(e.resourceType(), e.resourceId(), e.userId(),
                    e.changes(), e.requestMetadata());
            for (Opening opening : committed.openings()) {
                openings.add(new EntryOpening(id, opening));
            }
            AuditEntry entry = new AuditEntry(id, e.eventId(), e.eventType(), e.source(), e.resourceType(),
                    e.resourceId(), e.projectId(), e.userId(), e.actorRole(), e.action(), committed.changes(),
                    committed.requestMetadata(),
                    sensitivity.of(e.eventType()), e.aggregateVersion(), e.occurredAt(), recordedAt, chainId, head.seq() + 1,
                    new EntrySource(e.partition(), e.offset()));
            byte[] canonical = entry.canonicalBytes();
            ChainedEntry stored = new ChainedEntry(entry, head.checksum(), Checksums.compute(head.checksum(), canonical));
            chained.add(stored);
            leaves.add(new TreeWriter.Leaf(chainId, entry.seq(), Rfc6962.leafData(canonical)));
            advanced.put(chainId, new ChainHead(chainId, entry.seq(), stored.checksum()));
        }
        return new Chained(chained, leaves, openings, List.copyOf(advanced.values()));
    }

    /** Records events whose aggregate_version is not the stored (or in-batch) maximum + 1 of their resource. */
    private Uni<Void> versionGaps(SqlConnection connection, List<ValidEvent> events, Map<String, ChainHead> stored,
            List<ChainHead> newHeads, Instant now) {
        return versions.find(connection, events, stored.values(), newHeads)
                .chain(found -> {
                    metrics.versionGaps(found.size());
                    return log.insertGaps(connection, found, now);
                });
    }
}
