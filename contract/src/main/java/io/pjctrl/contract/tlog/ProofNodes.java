package io.pjctrl.contract.tlog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Which stored nodes make up an inclusion or consistency proof, and how to turn their hashes into the proof (after
 * transparency-dev/merkle's {@code proof.Nodes}). Every node listed is complete, so it can be read from tiles; at
 * most one proof hash is "ephemeral" (the root of an incomplete subtree at the right edge) and is rehashed from the
 * consecutive nodes {@code [begin, end)} of the list.
 *
 * <p>
 * Planning and reading are separate so a caller can fetch the hashes asynchronously (all at once, tile by tile) and
 * then call {@link #rehash(byte[][])}.
 */
public final class ProofNodes {

    private final List<NodeId> ids;
    private final int begin;
    private final int end;

    private ProofNodes(List<NodeId> ids, int begin, int end) {
        this.ids = List.copyOf(ids);
        this.begin = begin;
        this.end = end;
    }

    /** The nodes of the inclusion proof of leaf {@code index} in the tree of {@code size}; needs 0 <= index < size. */
    public static ProofNodes inclusion(long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("index " + index + " out of bounds for tree size " + size);
        }
        return nodes(index, 0, size).skipFirst();
    }

    /** The nodes of the consistency proof from size {@code size1} to {@code size2}; needs 0 < size1 <= size2. */
    public static ProofNodes consistency(long size1, long size2) {
        if (size1 <= 0 || size1 > size2) {
            throw new IllegalArgumentException("no consistency proof from size " + size1 + " to " + size2
                    + " (needs 0 < size1 <= size2)");
        }
        if (size1 == size2) {
            return new ProofNodes(List.of(), 0, 0);
        }
        // The root of the largest perfect subtree of [0, size1) that ends at size1.
        int level = Long.numberOfTrailingZeros(size1);
        long index = (size1 - 1) >>> level;
        ProofNodes nodes = nodes(index, level, size2);
        // A perfect first tree is its own root, known to the verifier: leave it out.
        return (size1 & (size1 - 1)) == 0 ? nodes.skipFirst() : nodes;
    }

    /** The stored nodes to read, in proof order (before rehashing). */
    public List<NodeId> ids() {
        return ids;
    }

    /**
     * Turns the hashes of {@link #ids()} (same order) into the proof hashes, lowest level first, as RFC 6962 and
     * tlog-proof list them.
     */
    public List<byte[]> rehash(byte[][] hashes) {
        if (hashes.length != ids.size()) {
            throw new IllegalArgumentException("got " + hashes.length + " hashes for " + ids.size() + " nodes");
        }
        List<byte[]> proof = new ArrayList<>(hashes.length);
        for (int i = 0; i < hashes.length; i++) {
            Rfc6962.requireHash(hashes[i], "hash of node " + ids.get(i));
            byte[] hash = hashes[i];
            if (i == begin && begin < end) {
                for (i++; i < end; i++) {
                    hash = Rfc6962.hashChildren(hashes[i], hash);
                }
                i--;
            }
            proof.add(hash);
        }
        return Collections.unmodifiableList(proof);
    }

    /** Reads the nodes through {@code reader} and rehashes them. */
    public List<byte[]> read(HashReader reader) {
        return rehash(reader.readHashes(ids));
    }

    /**
     * The nodes proving that node {@code (level, index)} is in the tree of {@code size}, the node itself first. The
     * "fork" is where the paths to that node and to leaf {@code size - 1} diverge; its sibling is the ephemeral
     * node, covered by the compact range to its right.
     */
    private static ProofNodes nodes(long index, int level, long size) {
        int inner = TreeMath.bitLength(index ^ (size >>> level)) - 1;
        NodeId fork = new NodeId(level + inner, index >>> inner);
        long forkBegin = fork.begin();
        long forkEnd = fork.end();
        List<NodeId> out = new ArrayList<>();
        NodeId node = new NodeId(level, index);
        out.add(node);
        for (; node.level() < fork.level(); node = node.parent()) {
            out.add(node.sibling());
        }
        int len1 = out.size();
        if (forkEnd < size) {
            int from = out.size();
            TreeMath.rangeNodes(forkEnd, size, out);
            Collections.reverse(out.subList(from, out.size()));
        }
        int len2 = out.size();
        int from = out.size();
        TreeMath.rangeNodes(0, forkBegin, out);
        Collections.reverse(out.subList(from, out.size()));
        if (len1 >= len2) {
            len1 = 0;
            len2 = 0;
        }
        return new ProofNodes(out, len1, len2);
    }

    private ProofNodes skipFirst() {
        List<NodeId> rest = ids.subList(1, ids.size());
        return begin < end ? new ProofNodes(rest, begin - 1, end - 1) : new ProofNodes(rest, 0, 0);
    }
}
