package io.pjctrl.audit.tlog;

import java.util.List;

import io.pjctrl.contract.tlog.CompactRange;
import io.pjctrl.contract.tlog.TileAppender;

/** {@link TileAppender} for one chain's tree: the grown {@link TreeState} and the tile bytes to store for it. */
final class TreeAppender {

    /** The tile level under which the entry bundles (leaf data) are stored. */
    static final int ENTRIES_LEVEL = TileAppender.ENTRIES_LEVEL;

    /** New bytes for one tile of the chain: they go at hash position {@code start} of tile {@code (level, index)}. */
    record TileAppend(String chainId, int level, long index, int start, byte[] hashes) {

        int count() {
            return hashes.length / 32;
        }
    }

    /** The tree after the append and the tile bytes the append adds. */
    record Result(TreeState tree, List<TileAppend> tiles) {
    }

    private TreeAppender() {
    }

    static Result append(TreeState tree, List<byte[]> leafData) {
        TileAppender.Result appended = TileAppender.append(tree.range(), leafData);
        CompactRange range = appended.range();
        List<TileAppend> tiles = appended.tiles().stream()
                .map(t -> new TileAppend(tree.chainId(), t.level(), t.index(), t.start(), t.hashes()))
                .toList();
        return new Result(new TreeState(tree.chainId(), range.size(), range.root(), range), tiles);
    }
}
