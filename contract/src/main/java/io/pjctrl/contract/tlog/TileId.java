package io.pjctrl.contract.tlog;

/**
 * A C2SP tlog-tiles Merkle tree tile: tile {@code index} at tile {@code level}, {@code width} hashes wide (256 for a
 * full tile, 1..255 for a partial one). Hash {@code i} of the tile is the node {@code (8 * level, 256 * index + i)}.
 */
public record TileId(int level, long index, int width) {

    public TileId {
        if (level < 0 || level > TileMath.MAX_LEVEL) {
            throw new IllegalArgumentException("tile level must be 0.." + TileMath.MAX_LEVEL + ", got " + level);
        }
        if (index < 0) {
            throw new IllegalArgumentException("tile index must not be negative, got " + index);
        }
        if (width < 1 || width > TileMath.WIDTH) {
            throw new IllegalArgumentException("tile width must be 1.." + TileMath.WIDTH + ", got " + width);
        }
    }

    /** The full tile at {@code (level, index)}. */
    public static TileId full(int level, long index) {
        return new TileId(level, index, TileMath.WIDTH);
    }

    public boolean isPartial() {
        return width < TileMath.WIDTH;
    }

    /** {@code tile/<L>/<N>[.p/<W>]}. */
    public String path() {
        return TilePaths.tilePath(this);
    }

    /** The tile's byte length: 32 bytes per hash. */
    public int byteLength() {
        return width * Rfc6962.HASH_SIZE;
    }

    @Override
    public String toString() {
        return path();
    }
}
