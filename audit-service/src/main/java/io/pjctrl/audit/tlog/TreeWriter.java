package io.pjctrl.audit.tlog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.pjctrl.contract.chain.AuditEntry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Appends entries to their chains' trees inside the caller's transaction: locks the tree rows, appends each chain's
 * entries (which must continue its tree exactly: seq = size + 1, + 2, ...) and writes the tiles and the new states.
 * A chain whose tree does not end right before the first of its entries (its older entries are not in the tree yet)
 * is left alone and reported as lagging: {@link TreeBuilder} catches it up from the stored rows.
 */
@ApplicationScoped
public class TreeWriter {

    /** The trees that grew, and the chains left out because their tree lags their stored entries. */
    public record Appended(List<TreeState> trees, List<String> lagging) {

        public static final Appended NONE = new Appended(List.of(), List.of());
    }

    /** What the tree needs of an entry: its chain position and its leaf data. */
    public record Leaf(String chainId, long seq, byte[] data) {

        /** The leaf of {@code entry}, its canonical form computed here. */
        public static Leaf of(AuditEntry entry) {
            return new Leaf(entry.chainId(), entry.seq(), entry.leafData());
        }
    }

    private final TlogRepository repository;

    public TreeWriter(TlogRepository repository) {
        this.repository = repository;
    }

    /** {@code entries} in chain order per chain (as ingest assigns seq), any number of chains. */
    public Uni<Appended> append(SqlClient transaction, List<Leaf> entries, Instant now) {
        if (entries.isEmpty()) {
            return Uni.createFrom().item(Appended.NONE);
        }
        Map<String, List<Leaf>> byChain = new LinkedHashMap<>();
        entries.forEach(e -> byChain.computeIfAbsent(e.chainId(), id -> new ArrayList<>()).add(e));
        String[] chains = byChain.keySet().toArray(String[]::new);
        return repository.lock(transaction, chains)
                .chain(stored -> {
                    List<TreeState> grown = new ArrayList<>();
                    List<TreeAppender.TileAppend> tiles = new ArrayList<>();
                    List<String> lagging = new ArrayList<>();
                    byChain.forEach((chainId, chainEntries) -> {
                        TreeState tree = stored.getOrDefault(chainId, TreeState.empty(chainId));
                        if (!continues(tree, chainEntries)) {
                            lagging.add(chainId);
                            return;
                        }
                        TreeAppender.Result result = TreeAppender.append(tree,
                                chainEntries.stream().map(Leaf::data).toList());
                        grown.add(result.tree());
                        tiles.addAll(result.tiles());
                    });
                    return repository.write(transaction, tiles, grown, now)
                            .replaceWith(new Appended(List.copyOf(grown), List.copyOf(lagging)));
                });
    }

    private static boolean continues(TreeState tree, List<Leaf> entries) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).seq() != tree.size() + 1 + i) {
                return false;
            }
        }
        return true;
    }
}
