package io.pjctrl.contract.tlog;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Appends leaves to a compact range and says which tile bytes that adds, for a writer that stores C2SP tiles: every
 * node the range completes at a tile level (tree height 8L) becomes the next hash of tile {@code (L, index / 256)},
 * and each leaf's data becomes the next entry of entry bundle {@code index / 256} (reported at level
 * {@link #ENTRIES_LEVEL}). Tiles only ever grow at their end, so a store appends {@link TileBytes#hashes()} at hash
 * position {@link TileBytes#start()}. About two hashes per leaf; nothing is read back.
 */
public final class TileAppender {

    /** The level under which the entry bundles' leaf data is reported. */
    public static final int ENTRIES_LEVEL = -1;

    /** New bytes of one tile: they go at hash position {@code start} (32 bytes per hash or leaf data). */
    public record TileBytes(int level, long index, int start, byte[] hashes) {

        public int count() {
            return hashes.length / Rfc6962.HASH_SIZE;
        }
    }

    /** The range after the append and the tile bytes the append adds, in first-touched order. */
    public record Result(CompactRange range, List<TileBytes> tiles) {
    }

    private TileAppender() {
    }

    /**
     * Appends {@code leafData} (each 32 bytes, as this log's leaves are) to a copy of {@code range}; {@code range}
     * itself is not changed.
     */
    public static Result append(CompactRange range, List<byte[]> leafData) {
        CompactRange grown = range.copy();
        Map<Long, Pending> pending = new LinkedHashMap<>();
        for (byte[] data : leafData) {
            if (data.length != Rfc6962.HASH_SIZE) {
                throw new IllegalArgumentException("leaf data must be " + Rfc6962.HASH_SIZE + " bytes, got " + data.length);
            }
            pending(pending, ENTRIES_LEVEL, grown.size()).add(data);
            grown.appendData(data, (height, index, hash) -> {
                if (height % TileMath.HEIGHT == 0) {
                    pending(pending, height / TileMath.HEIGHT, index).add(hash);
                }
            });
        }
        List<TileBytes> tiles = new ArrayList<>(pending.size());
        pending.values().forEach(p -> tiles.add(new TileBytes(p.level, p.index, p.start, p.bytes.toByteArray())));
        return new Result(grown, List.copyOf(tiles));
    }

    private static Pending pending(Map<Long, Pending> pending, int level, long nodeIndex) {
        long tile = nodeIndex / TileMath.WIDTH;
        // Tile indexes stay below 2^56 (a tree has at most 2^63 leaves), so level and index fit one key.
        long key = ((long) (level + 1) << 56) | tile;
        return pending.computeIfAbsent(key, k -> new Pending(level, tile, (int) (nodeIndex % TileMath.WIDTH)));
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
