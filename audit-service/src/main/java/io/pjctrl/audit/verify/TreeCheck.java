package io.pjctrl.audit.verify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.pjctrl.audit.log.AuditLogRepository;
import io.pjctrl.audit.log.StoredEntry;
import io.pjctrl.audit.tlog.TlogRepository;
import io.pjctrl.audit.tlog.TreeState;
import io.pjctrl.contract.tlog.CompactRange;
import io.pjctrl.contract.tlog.Consistency;
import io.pjctrl.contract.tlog.HashReader;
import io.pjctrl.contract.tlog.InconsistentCheckpoint;
import io.pjctrl.contract.tlog.NodeId;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The stored tree against the entries and against held checkpoints: while the walk rebuilds the tree from the
 * entries ({@link EntryTree}), every complete node at a tile level is compared with the stored tile hash (a batch of
 * entries at a time, one query per batch); after it, the stored root and compact range with the rebuilt root; and
 * each source's largest held checkpoint with the stored tiles ({@link Consistency#compare}).
 */
@ApplicationScoped
public class TreeCheck {

    /** Entries walked between two tile reads. */
    static final int BATCH = 2048;
    /** Tile mismatches reported per chain; one is proof enough, the rest would only flood the report. */
    static final int MAX_TILE_FAILURES = 10;

    private final TlogRepository tlog;
    private final AuditLogRepository log;

    public TreeCheck(TlogRepository tlog, AuditLogRepository log) {
        this.tlog = tlog;
        this.log = log;
    }

    /** Feeds {@code entries} to the walk on a worker thread, comparing the rebuilt nodes with the tiles as it goes. */
    Uni<Void> walkAndCompareTiles(String chainId, long treeSize, Multi<StoredEntry> entries, ChainWalk walk) {
        int[] reported = {0};
        return entries.emitOn(Infrastructure.getDefaultWorkerPool())
                .group()
                .intoLists()
                .of(BATCH)
                .onItem()
                .transformToUniAndConcatenate(batch -> Uni.createFrom()
                        .item(() -> {
                            batch.forEach(walk::add);
                            return drain(walk);
                        })
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                        .chain(nodes -> compareTiles(chainId, treeSize, nodes, walk, reported)))
                .collect()
                .last()
                .chain(() -> compareTiles(chainId, treeSize, drain(walk), walk, reported));
    }

    private static List<EntryTree.Node> drain(ChainWalk walk) {
        return walk.tree() == null ? List.of() : walk.tree().drain();
    }

    private Uni<Void> compareTiles(String chainId, long treeSize, List<EntryTree.Node> nodes, ChainWalk walk,
            int[] reported) {
        if (nodes.isEmpty() || reported[0] >= MAX_TILE_FAILURES) {
            return Uni.createFrom().voidItem();
        }
        List<NodeId> ids = nodes.stream().map(EntryTree.Node::id).toList();
        return tlog.hashReader(chainId, treeSize, ids)
                .map(reader -> {
                    byte[][] stored;
                    try {
                        stored = reader.readHashes(ids);
                    } catch (IllegalStateException e) {
                        reported[0]++;
                        walk.fail(treeMismatch(chainId, nodes.get(0).id(), treeSize, null, null,
                                "the stored tiles lack nodes the entries give: " + e.getMessage()));
                        return null;
                    }
                    for (int i = 0; i < stored.length && reported[0] < MAX_TILE_FAILURES; i++) {
                        EntryTree.Node node = nodes.get(i);
                        if (!Arrays.equals(stored[i], node.hash())) {
                            reported[0]++;
                            walk.fail(treeMismatch(chainId, node.id(), treeSize, stored[i], node.hash(),
                                    "stored tile hash of node " + node.id() + " (leaves " + node.id().begin() + ".."
                                            + (node.id().end() - 1) + ") differs from the hash the entries give"));
                        }
                    }
                    return null;
                })
                .replaceWithVoid();
    }

    /** The stored tree's root (and its compact range) against the tree the entries give at the stored size. */
    List<VerifyFailure> compareRoot(String chainId, TreeState tree, ChainWalk walk) {
        List<VerifyFailure> failures = new ArrayList<>();
        if (tree == null) {
            return failures;
        }
        if (!Arrays.equals(tree.range().root(), tree.root()) || tree.range().size() != tree.size()) {
            failures.add(treeMismatch(chainId, null, tree.size(), tree.root(), tree.range().root(),
                    "the stored tree's root is not the root of its own compact range"));
        }
        EntryTree rebuilt = walk.tree();
        if (rebuilt == null || !walk.covers(tree.size())) {
            return failures;
        }
        byte[] root = rebuilt.rootAt(tree.size());
        if (root == null) {
            failures.add(treeMismatch(chainId, null, tree.size(), tree.root(), null, "the stored tree has "
                    + tree.size() + " leaves, more than the chain's entries: entries were removed"));
        } else if (!Arrays.equals(root, tree.root())) {
            failures.add(treeMismatch(chainId, null, tree.size(), tree.root(), root, "the stored tree's root at size "
                    + tree.size() + " is not the root the stored entries give: entries or tree were changed"));
        }
        return failures;
    }

    /**
     * For each source's largest held checkpoint: empty when the stored tree extends it (or its hash is the stored head
     * checksum at its size, a checkpoint of format 1), else the evidence.
     */
    Uni<Map<String, Optional<InconsistentCheckpoint>>> storedComparisons(String chainId, TreeState tree,
            Map<String, HeldNote> largest) {
        Map<String, Optional<InconsistentCheckpoint>> out = new LinkedHashMap<>();
        Uni<Void> all = Uni.createFrom().voidItem();
        for (Map.Entry<String, HeldNote> e : largest.entrySet()) {
            all = all.chain(() -> storedComparison(chainId, tree, e.getValue())
                    .invoke(result -> out.put(e.getKey(), result))
                    .replaceWithVoid());
        }
        return all.replaceWith(out);
    }

    private Uni<Optional<InconsistentCheckpoint>> storedComparison(String chainId, TreeState tree, HeldNote held) {
        String hash = HexFormat.of().formatHex(held.checkpoint().rootHash());
        long size = tree == null ? 0 : tree.size();
        Uni<HashReader> reader = held.size() <= size && held.size() > 0
                ? tlog.hashReader(chainId, size, CompactRange.borderNodes(held.size()))
                : Uni.createFrom().item(nodes -> new byte[0][]);
        return log.checksumAt(chainId, held.size())
                .chain(head -> hash.equals(head)
                        ? Uni.createFrom().item(Optional.<InconsistentCheckpoint>empty())
                        : reader.map(r -> Consistency.compare(held.checkpoint(), size, r)));
    }

    private static VerifyFailure treeMismatch(String chainId, NodeId node, long treeSize, byte[] stored, byte[] computed,
            String detail) {
        return new VerifyFailure(chainId, node == null ? treeSize : node.end(), null, "tree_mismatch",
                stored == null ? null : Base64.getEncoder().encodeToString(stored),
                computed == null ? null : Base64.getEncoder().encodeToString(computed),
                "chain " + chainId + ": " + detail, null, null, null, null, treeSize, null, null);
    }
}
