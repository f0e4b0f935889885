package io.pjctrl.audit.log;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The one owner of {@code audit_resource_heads} and {@code audit_resource_head_chains} (V42): each resource's highest
 * stored aggregate_version, and how far each chain's entries are counted in them. The ingest's version check reads
 * and advances them inside its transaction, so its cost is one primary-key probe per resource of the batch, whatever
 * the resource's history (docs/architecture.md, "Version heads").
 *
 * <p>
 * The per-batch statement ({@link #ADVANCE}) is an {@code INSERT ... ON CONFLICT} upsert, on purpose: PostgreSQL
 * resolves the conflict through the arbiter (primary key) index, whatever the planner estimates, so no statistics
 * (autovacuum is off on our CI machines) and no plan cached while the table was small can turn it into a scan. The
 * catch-up's read of audit_logs ({@link #CATCH_UP}, only when a chain lags) is planned: a range of the (chain_id, seq)
 * unique index, which ResourceVersionHeadsTest checks with EXPLAIN on unanalysed tables. The upsert also locks each head row until
 * commit: two transactions with events of one resource (a resource on two partitions, a zombie consumer) check its
 * versions one after the other, each against what the other committed. Resources are upserted in one order
 * ({@link #advance} sorts them) so two batches cannot deadlock on each other's heads.
 */
@ApplicationScoped
public class ResourceHeads {

    private static final String COVERED = "SELECT chain_id, seq FROM audit_resource_head_chains WHERE chain_id = ANY($1::text[])";

    // CATCH_UP and ADVANCE are public for the plan checks of ResourceVersionHeadsTest, which EXPLAIN them as they are.

    /**
     * Folds entries that some other writer stored without advancing the heads into them: a range of each chain by
     * the (chain_id, seq) unique index, so the cost is the lag's length, not the chain's or a resource's history.
     */
    public static final String CATCH_UP = """
            INSERT INTO audit_resource_heads AS h (resource_type, resource_id, version, previous_version)
            SELECT l.resource_type, l.resource_id, max(l.aggregate_version), max(l.aggregate_version)
            FROM unnest($1::text[], $2::int8[], $3::int8[]) AS c(chain_id, after_seq, head_seq)
            JOIN audit_logs l ON l.chain_id = c.chain_id AND l.seq > c.after_seq AND l.seq <= c.head_seq
            WHERE l.aggregate_version > 0 AND l.resource_id IS NOT NULL
            GROUP BY l.resource_type, l.resource_id
            ORDER BY l.resource_type, l.resource_id
            ON CONFLICT (resource_type, resource_id) DO UPDATE SET version = greatest(h.version, EXCLUDED.version)
            """;

    /**
     * Each resource's head becomes max(head, the batch's highest version); the head it had before comes back as
     * previous_version (0 for a resource seen for the first time). The same statement records how far the batch's
     * chains are counted.
     */
    public static final String ADVANCE = """
            WITH covered AS (
                INSERT INTO audit_resource_head_chains AS c (chain_id, seq)
                SELECT * FROM unnest($4::text[], $5::int8[])
                ON CONFLICT (chain_id) DO UPDATE SET seq = greatest(c.seq, EXCLUDED.seq)
            )
            INSERT INTO audit_resource_heads AS h (resource_type, resource_id, version, previous_version)
            SELECT resource_type, resource_id, version, 0
            FROM unnest($1::text[], $2::text[], $3::int8[]) AS b(resource_type, resource_id, version)
            ON CONFLICT (resource_type, resource_id) DO UPDATE
                SET previous_version = h.version, version = greatest(h.version, EXCLUDED.version)
            RETURNING resource_type, resource_id, previous_version
            """;

    /** A resource's highest version in the batch. */
    public record BatchVersion(String resourceType, String resourceId, long version) {
    }

    /** A chain and its head seq: as stored before the batch ({@link #catchUp}) or after it ({@link #advance}). */
    public record ChainSeq(String chainId, long seq) {
    }

    /**
     * Brings the heads up to the stored head of each chain: entries after the seq a chain is counted to (all of them
     * when it never was) are folded in first. Nothing to do, and one small read, when every writer kept them.
     */
    public Uni<Void> catchUp(SqlClient client, List<ChainSeq> storedHeads) {
        if (storedHeads.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String[] chains = storedHeads.stream().map(ChainSeq::chainId).toArray(String[]::new);
        return client.preparedQuery(COVERED)
                .execute(Tuple.of(chains))
                .chain(rows -> {
                    Map<String, Long> covered = new HashMap<>();
                    rows.forEach(row -> covered.put(row.getString(0), row.getLong(1)));
                    List<ChainSeq> lagging = storedHeads.stream()
                            .filter(h -> covered.getOrDefault(h.chainId(), 0L) < h.seq())
                            .toList();
                    return lagging.isEmpty() ? Uni.createFrom().voidItem() : foldIn(client, lagging, covered);
                });
    }

    private Uni<Void> foldIn(SqlClient client, List<ChainSeq> lagging, Map<String, Long> covered) {
        String[] chains = lagging.stream().map(ChainSeq::chainId).toArray(String[]::new);
        Long[] after = lagging.stream().map(h -> covered.getOrDefault(h.chainId(), 0L)).toArray(Long[]::new);
        Long[] head = lagging.stream().map(ChainSeq::seq).toArray(Long[]::new);
        return client.preparedQuery(CATCH_UP)
                .execute(Tuple.of(chains, after, head))
                .replaceWithVoid();
    }

    /**
     * Advances the heads of the batch's resources and returns the head each had before, keyed
     * {@link AuditLogWriter#resourceKey}; also records the chains' new heads as counted.
     */
    public Uni<Map<String, Long>> advance(SqlClient client, List<BatchVersion> versions, List<ChainSeq> newHeads) {
        List<BatchVersion> sorted = versions.stream()
                .sorted((a, b) -> AuditLogWriter.resourceKey(a.resourceType(), a.resourceId())
                        .compareTo(AuditLogWriter.resourceKey(b.resourceType(), b.resourceId())))
                .toList();
        Tuple params = Tuple.from(new Object[]{
                sorted.stream().map(BatchVersion::resourceType).toArray(String[]::new),
                sorted.stream().map(BatchVersion::resourceId).toArray(String[]::new),
                sorted.stream().map(BatchVersion::version).toArray(Long[]::new),
                newHeads.stream().map(ChainSeq::chainId).toArray(String[]::new),
                newHeads.stream().map(ChainSeq::seq).toArray(Long[]::new)});
        return client.preparedQuery(ADVANCE)
                .execute(params)
                .map(rows -> {
                    Map<String, Long> previous = new HashMap<>();
                    rows.forEach(row -> previous.put(AuditLogWriter.resourceKey(row.getString(0), row.getString(1)),
                            row.getLong(2)));
                    return previous;
                });
    }
}
