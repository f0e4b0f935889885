package io.pjctrl.contract.tlog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where the nodes of the tree live in C2SP tlog-tiles: tiles of height 8, 256 hashes per full tile. Tile {@code N}
 * at tile level {@code L} holds the nodes {@code (8L, 256N .. 256N + 255)}; the 7 tree levels between two tile
 * levels are not stored but rehashed from the tile below. A writer therefore stores exactly the nodes at levels
 * 0, 8, 16, ... ({@link #isStoredLevel(int)}) that {@link CompactRange#append} visits.
 */
public final class TileMath {

    /** Tree levels per tile. */
    public static final int HEIGHT = 8;
    /** Hashes (or entries) in a full tile (or bundle). */
    public static final int WIDTH = 1 << HEIGHT;
    /** The highest tile level a path may name. */
    public static final int MAX_LEVEL = 63;

    private TileMath() {
    }

    /** Whether nodes of this tree level are tile hashes (the only ones a tile store keeps). */
    public static boolean isStoredLevel(int treeLevel) {
        return treeLevel % HEIGHT == 0;
    }

    /** The tile that holds the stored node {@code (treeLevel, index)}, whose tree level is a multiple of 8. */
    public static TileId tileOfStoredNode(int treeLevel, long index) {
        if (!isStoredLevel(treeLevel)) {
            throw new IllegalArgumentException("tree level " + treeLevel + " is not a tile level");
        }
        return TileId.full(treeLevel / HEIGHT, index >>> HEIGHT);
    }

    /**
     * The width of tile {@code (level, index)} in the tree of {@code treeSize}: 256 when full, 1..255 when partial,
     * 0 when the tile does not exist at that size (tlog-tiles: the partial tile at level {@code l} has
     * {@code floor(s / 256^l) mod 256} hashes).
     */
    public static int tileWidth(int level, long index, long treeSize) {
        long hashes = shiftRight(treeSize, HEIGHT * level);
        long full = hashes >>> HEIGHT;
        if (index < full) {
            return WIDTH;
        }
        return index == full ? (int) (hashes & (WIDTH - 1)) : 0;
    }

    /** Tile {@code (level, index)} as it exists in the tree of {@code treeSize}, if it does. */
    public static Optional<TileId> tileAt(int level, long index, long treeSize) {
        int width = tileWidth(level, index, treeSize);
        return width == 0 ? Optional.empty() : Optional.of(new TileId(level, index, width));
    }

    /** Entry bundle {@code index} as it exists in the tree of {@code treeSize}, if it does. */
    public static Optional<BundleId> bundleAt(long index, long treeSize) {
        int width = tileWidth(0, index, treeSize);
        return width == 0 ? Optional.empty() : Optional.of(new BundleId(index, width));
    }

    /** The entry bundle holding entry {@code entryIndex} in the tree of {@code treeSize}. */
    public static BundleId bundleOfEntry(long entryIndex, long treeSize) {
        if (entryIndex < 0 || entryIndex >= treeSize) {
            throw new IllegalArgumentException("entry " + entryIndex + " is not in a tree of size " + treeSize);
        }
        return bundleAt(entryIndex >>> HEIGHT, treeSize).orElseThrow();
    }

    /**
     * The tiles of the tree of {@code newSize} that the tree of {@code oldSize} lacks or has narrower: what a writer
     * publishes when the tree grows (after golang.org/x/mod/sumdb/tlog {@code NewTiles}).
     */
    public static List<TileId> newTiles(long oldSize, long newSize) {
        if (oldSize < 0 || newSize < oldSize) {
            throw new IllegalArgumentException("tree cannot grow from " + oldSize + " to " + newSize);
        }
        List<TileId> tiles = new ArrayList<>();
        for (int level = 0; level <= MAX_LEVEL && shiftRight(newSize, HEIGHT * level) > 0; level++) {
            long oldHashes = shiftRight(oldSize, HEIGHT * level);
            long newHashes = shiftRight(newSize, HEIGHT * level);
            if (oldHashes == newHashes) {
                continue;
            }
            for (long n = oldHashes >>> HEIGHT; n < newHashes >>> HEIGHT; n++) {
                tiles.add(TileId.full(level, n));
            }
            long n = newHashes >>> HEIGHT;
            int width = (int) (newHashes - (n << HEIGHT));
            if (width > 0) {
                tiles.add(new TileId(level, n, width));
            }
        }
        return tiles;
    }

    /**
     * Where node {@code node} is found: in {@code tile} (as wide as the tree of {@code treeSize} has it), as the
     * subtree over its hashes {@code [offset, offset + count)}. {@code count} is a power of two; 1 means the node is a
     * tile hash itself.
     */
    public static NodeLocation locate(NodeId node, long treeSize) {
        if (node.end() > treeSize || node.end() <= 0) {
            throw new IllegalArgumentException("node " + node + " is not complete in a tree of size " + treeSize);
        }
        int level = node.level() / HEIGHT;
        int subLevel = node.level() % HEIGHT;
        long first = node.index() << subLevel;
        long tileIndex = first >>> HEIGHT;
        int offset = (int) (first & (WIDTH - 1));
        TileId tile = tileAt(level, tileIndex, treeSize).orElseThrow();
        return new NodeLocation(tile, offset, 1 << subLevel);
    }

    /** A node inside a tile: the subtree over the tile's hashes {@code [offset, offset + count)}. */
    public record NodeLocation(TileId tile, int offset, int count) {
    }

    /** The hash of the subtree over hashes {@code [offset, offset + count)} of {@code tileData} (count a power of 2). */
    public static byte[] hashFromTile(byte[] tileData, int offset, int count) {
        if (Integer.bitCount(count) != 1 || (offset & (count - 1)) != 0
                || (long) (offset + count) * Rfc6962.HASH_SIZE > tileData.length) {
            throw new IllegalArgumentException("no subtree of " + count + " hashes at offset " + offset + " in a tile of "
                    + tileData.length + " bytes");
        }
        if (count == 1) {
            int from = offset * Rfc6962.HASH_SIZE;
            return Arrays.copyOfRange(tileData, from, from + Rfc6962.HASH_SIZE);
        }
        // the first level is hashed in place from the tile, the ones above from that
        byte[][] level = new byte[count / 2][];
        for (int i = 0; i < count / 2; i++) {
            int from = (offset + 2 * i) * Rfc6962.HASH_SIZE;
            level[i] = Rfc6962.hashChildren(tileData, from, tileData, from + Rfc6962.HASH_SIZE);
        }
        for (int width = count / 2; width > 1; width /= 2) {
            for (int i = 0; i < width / 2; i++) {
                level[i] = Rfc6962.hashChildren(level[2 * i], level[2 * i + 1]);
            }
        }
        return level[0];
    }

    private static long shiftRight(long value, int bits) {
        return bits >= Long.SIZE ? 0 : value >>> bits;
    }
}
