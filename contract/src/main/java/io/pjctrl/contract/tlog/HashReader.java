package io.pjctrl.contract.tlog;

import java.util.List;

/**
 * Reads stored hashes of complete nodes: the source every proof and every root is built from, so nothing recomputes
 * the tree. The service backs it with its tiles ({@link TileHashReader}); tests back it with a map.
 */
@FunctionalInterface
public interface HashReader {

    /**
     * The hashes of {@code nodes}, in the same order. Every node asked for is complete in the tree the caller works
     * on; an implementation that lacks one throws {@link IllegalStateException} naming it (never a made-up hash).
     */
    byte[][] readHashes(List<NodeId> nodes);
}
