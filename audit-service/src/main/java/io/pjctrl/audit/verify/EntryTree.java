package io.pjctrl.audit.verify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.pjctrl.contract.tlog.CompactRange;
import io.pjctrl.contract.tlog.NodeId;
import io.pjctrl.contract.tlog.Rfc6962;
import io.pjctrl.contract.tlog.TileMath;

/**
 * The chain's Merkle tree rebuilt from its stored entries during a walk from seq 1 (leaf {@code seq - 1} = the leaf
 * hash of the entry's canonical form): the root at every size asked for (held and signed checkpoints, the stored
 * tree), and the complete nodes at stored tile levels up to the stored tree's size, for the comparison with the
 * tiles. A walk that meets a gap stops rebuilding (the gap is reported; no root after it would mean anything).
 */
final class EntryTree {

    /** A complete node the entries give, at a level the tiles store. */
    record Node(NodeId id, byte[] hash) {
    }

    private final Set<Long> sizes;
    private final long storedSize;
    private final Map<Long, byte[]> roots = new HashMap<>();
    private final List<Node> pending = new ArrayList<>();
    private CompactRange range = CompactRange.empty();

    /**
     * @param sizes tree sizes whose root the caller wants
     * @param storedSize the stored tree's size: nodes beyond it are not compared with tiles
     */
    EntryTree(Set<Long> sizes, long storedSize) {
        this.sizes = sizes;
        this.storedSize = storedSize;
    }

    /** Appends the entry of {@code seq} (the UTF-8 bytes of its canonical form); returns false (and stops) when it is not the next leaf. */
    boolean add(long seq, byte[] canonicalUtf8) {
        if (range == null || seq != range.size() + 1) {
            range = null;
            return false;
        }
        range.append(Rfc6962.hashLeaf(Rfc6962.leafData(canonicalUtf8)), (level, index, hash) -> {
            if (TileMath.isStoredLevel(level) && ((index + 1) << level) <= storedSize) {
                pending.add(new Node(new NodeId(level, index), hash));
            }
        });
        if (sizes.contains(seq)) {
            roots.put(seq, range.root());
        }
        return true;
    }

    /** The root at {@code size}, or null when the walk did not rebuild that far. */
    byte[] rootAt(long size) {
        if (size == 0) {
            return Rfc6962.emptyRoot();
        }
        return roots.get(size);
    }

    /** Whether the tree was rebuilt to {@code size} leaves without a gap. */
    boolean reached(long size) {
        return size == 0 || roots.containsKey(size) || range != null && range.size() >= size;
    }

    /** The nodes completed since the last call, for the tile comparison; the list is handed over. */
    List<Node> drain() {
        List<Node> out = new ArrayList<>(pending);
        pending.clear();
        return out;
    }

    boolean broken() {
        return range == null;
    }
}
