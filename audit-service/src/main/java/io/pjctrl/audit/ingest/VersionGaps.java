package io.pjctrl.audit.ingest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.pjctrl.audit.log.AuditLogWriter;
import io.pjctrl.audit.log.AuditLogWriter.VersionGap;
import io.pjctrl.audit.log.ResourceHeads;
import io.pjctrl.audit.log.ResourceHeads.BatchVersion;
import io.pjctrl.audit.log.ResourceHeads.ChainSeq;
import io.pjctrl.contract.chain.ChainHead;
import io.pjctrl.contract.event.ValidEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * The version check of one batch, inside its transaction. In Kafka order, each versioned event (aggregate_version
 * > 0, with a resource id) must carry its resource's highest version so far + 1, "so far" being the stored head and
 * then the batch's own earlier events; anything else (a skipped version, one repeated or arriving late) is a version
 * gap, and the head still becomes the highest version seen. The stored heads come from {@link ResourceHeads}, one
 * primary-key probe per resource, never from the resource's history.
 */
@ApplicationScoped
public class VersionGaps {

    private final ResourceHeads heads;

    public VersionGaps(ResourceHeads heads) {
        this.heads = heads;
    }

    /**
     * The batch's gaps. {@code storedHeads}: its chains' heads before it (read in the same transaction);
     * {@code newHeads}: after it. Leaves the resources' heads advanced and locked until the transaction ends.
     */
    public Uni<List<VersionGap>> find(SqlClient client, List<ValidEvent> events, Collection<ChainHead> storedHeads,
            Collection<ChainHead> newHeads) {
        List<ValidEvent> versioned = events.stream().filter(e -> e.aggregateVersion() > 0 && e.resourceId() != null)
                .toList();
        return heads.catchUp(client, seqs(storedHeads))
                .chain(() -> heads.advance(client, batchVersions(versioned), seqs(newHeads)))
                .map(stored -> gaps(versioned, stored));
    }

    /** Each resource's highest version in the batch: what its head becomes unless the stored one is higher. */
    private static List<BatchVersion> batchVersions(List<ValidEvent> versioned) {
        Map<String, BatchVersion> highest = new LinkedHashMap<>();
        for (ValidEvent e : versioned) {
            highest.merge(AuditLogWriter.resourceKey(e.resourceType(), e.resourceId()),
                    new BatchVersion(e.resourceType(), e.resourceId(), e.aggregateVersion()),
                    (a, b) -> a.version() >= b.version() ? a : b);
        }
        return List.copyOf(highest.values());
    }

    /** Given each resource's stored head before the batch (absent or 0: nothing stored). */
    private static List<VersionGap> gaps(List<ValidEvent> versioned, Map<String, Long> storedHeads) {
        Map<String, Long> running = new HashMap<>(storedHeads);
        List<VersionGap> found = new ArrayList<>();
        for (ValidEvent e : versioned) {
            String key = AuditLogWriter.resourceKey(e.resourceType(), e.resourceId());
            long expected = running.getOrDefault(key, 0L) + 1;
            if (e.aggregateVersion() != expected) {
                found.add(new VersionGap(e.resourceType(), e.resourceId(), expected, e.aggregateVersion(), e.eventId()));
            }
            running.merge(key, e.aggregateVersion(), Math::max);
        }
        return found;
    }

    private static List<ChainSeq> seqs(Collection<ChainHead> chainHeads) {
        return chainHeads.stream().map(h -> new ChainSeq(h.chainId(), h.seq())).toList();
    }
}
