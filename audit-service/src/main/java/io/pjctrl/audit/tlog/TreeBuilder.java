package io.pjctrl.audit.tlog;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.pjctrl.audit.log.StoredEntry;
import io.pjctrl.audit.sql.Rows;
import io.pjctrl.contract.chain.AuditEntry;
import io.pjctrl.contract.chain.Timestamps;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Catches each chain's tree up with its stored entries: the entries stored before V40 (the upgrade's backfill) and
 * any a batch stored while its chain's tree lagged. It reads the entries after the tree's size in seq order,
 * {@link #CHUNK} per transaction, each under the tree row's lock (so it never races the ingest appending to the same
 * tree), and stops at a gap in seq. Runs at start-up and then every 10 seconds on every replica; a tree that is caught
 * up costs one index probe.
 */
@ApplicationScoped
public class TreeBuilder {

    static final int CHUNK = 2_000;

    /** The chains whose tree is smaller than their head: a skip scan over the (chain_id, seq) index. */
    private static final String LAGGING = """
            WITH RECURSIVE chains(chain_id) AS (
                (SELECT chain_id FROM audit_logs ORDER BY chain_id LIMIT 1)
                UNION ALL
                SELECT (SELECT l.chain_id FROM audit_logs l WHERE l.chain_id > c.chain_id ORDER BY l.chain_id LIMIT 1)
                FROM chains c WHERE c.chain_id IS NOT NULL)
            SELECT c.chain_id
            FROM chains c
            JOIN LATERAL (SELECT seq FROM audit_logs l WHERE l.chain_id = c.chain_id ORDER BY seq DESC LIMIT 1) h ON true
            LEFT JOIN audit_tlog_trees t ON t.chain_id = c.chain_id
            WHERE c.chain_id IS NOT NULL AND h.seq > coalesce(t.size, 0)
            """;
    private static final String AFTER = "SELECT " + StoredEntry.COLUMNS
            + " FROM audit_logs WHERE chain_id = $1 AND seq > $2 ORDER BY seq LIMIT $3";

    private final Pool pool;
    private final TlogRepository repository;
    private final TreeWriter writer;

    public TreeBuilder(Pool pool, TlogRepository repository, TreeWriter writer) {
        this.pool = pool;
        this.repository = repository;
        this.writer = writer;
    }

    @Scheduled(every = "10s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return catchUpAll()
                .onFailure().invoke(e -> Log.warnf(e, "Building the Merkle trees failed; the next run retries"))
                .onFailure().recoverWithNull();
    }

    /** Catches up every chain whose tree lags its entries. */
    public Uni<Void> catchUpAll() {
        return pool.query(LAGGING).execute()
                .map(Rows::strings)
                .chain(chains -> Multi.createFrom().iterable(chains)
                        .onItem().transformToUniAndConcatenate(this::catchUp)
                        .collect().last())
                .replaceWithVoid();
    }

    /** Appends every stored entry of the chain after its tree's size (up to a gap in seq), chunk by chunk. */
    public Uni<Void> catchUp(String chainId) {
        return Uni.createFrom().deferred(() -> pool.withTransaction(tx -> repository.lock(tx, new String[]{chainId})
                .chain(trees -> {
                    long size = trees.containsKey(chainId) ? trees.get(chainId).size() : 0;
                    return tx.preparedQuery(AFTER).execute(Tuple.of(chainId, size, CHUNK))
                            .map(rows -> Rows.list(rows, row -> StoredEntry.from(row).toChained().entry()))
                            .chain(entries -> append(tx, chainId, size, entries));
                })))
                .chain(appended -> appended == CHUNK ? catchUp(chainId) : Uni.createFrom().voidItem());
    }

    private Uni<Integer> append(SqlClient tx, String chainId, long size, List<AuditEntry> entries) {
        int contiguous = 0;
        while (contiguous < entries.size() && entries.get(contiguous).seq() == size + 1 + contiguous) {
            contiguous++;
        }
        if (contiguous < entries.size()) {
            Log.warnf("Chain %s has no entry of seq %d: its tree stops at %d until verification explains the gap",
                    chainId, size + 1 + contiguous, size + contiguous);
        }
        if (contiguous == 0) {
            return Uni.createFrom().item(0);
        }
        int count = contiguous;
        Log.debugf("Appending entries %d..%d of chain %s to its tree", size + 1, size + count, chainId);
        return writer.append(tx, entries.subList(0, count).stream().map(TreeWriter.Leaf::of).toList(),
                Timestamps.truncate(Instant.now()))
                .replaceWith(count == entries.size() ? count : 0);
    }
}
