package io.pjctrl.audit.tlog;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.pjctrl.contract.tlog.CompactRange;
import io.pjctrl.contract.tlog.TileMath;

/**
 * Appends leaves to a tree in memory and says which tile bytes that adds: the compact range does the hashing (about
 * two hashes per leaf), and every node it completes at a tile level (tree height 8L) becomes the next hash of tile
 * (L, index / 256); the leaf data itself becomes the next 32 bytes of entry bundle index / 256 (tile level -1).
 * Nothing here touches storage.
 */
final class TreeAppender {

    /** The tile level under which the entry bundles (leaf data) are stored. */
    static final int ENTRIES_LEVEL = -1;
    private static final int TILE_HEIGHT = 8;

    /** New bytes for one tile: they go at hash position {@code start} of tile {@code (level, index)}. */
    record TileAppend(String chainId, int level, long index, int start, byte[] hashes) {

        int count() {
            return hashes.length / 32;
        }
    }

    /** The tree after the append and the tile bytes the append adds, in tile order. */
    record Result(TreeState tree, List<TileAppend> tiles) {
    }

    private TreeAppender() {
    }

    static Result append(TreeState tree, List<byte[]> leafData) {
        CompactRange range = tree.range().copy();
        Map<String, Pending> pending = new LinkedHashMap<>();
        for (byte[] data : leafData) {
            long leaf = range.size();
            pending(pending, ENTRIES_LEVEL, leaf).add(data);
            range.appendData(data, (height, index, hash) -> {
                if (height % TILE_HEIGHT == 0) {
                    pending(pending, height / TILE_HEIGHT, index).add(hash);
                }
            });
        }
        List<TileAppend> tiles = new ArrayList<>(pending.size());
        pending.values().forEach(p -> tiles.add(new TileAppend(tree.chainId(), p.level, p.index, p.start,
                p.bytes.toByteArray())));
        return new Result(new TreeState(tree.chainId(), range.size(), range.root(), range), tiles);
    }

    private static Pending pending(Map<String, Pending> pending, int level, long nodeIndex) {
        long tile = nodeIndex / TileMath.WIDTH;
        return pending.computeIfAbsent(level + "/" + tile,
                key -> new Pending(level, tile, (int) (nodeIndex % TileMath.WIDTH)));
    }

    private static final class Pending {

        final int level;
        final long index;
        final int start;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);

        Pending(int level, long index, int start) {
            this.level = level;
            this.index = index;
            this.start = start;
        }

        void add(byte[] hash) {
            bytes.writeBytes(hash);
        }
    }
}
