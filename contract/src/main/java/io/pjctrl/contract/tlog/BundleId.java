package io.pjctrl.contract.tlog;

/**
 * A C2SP tlog-tiles entry bundle: entries {@code [256 * index, 256 * index + width)}, {@code width} 256 for a full
 * bundle, 1..255 for a partial one.
 */
public record BundleId(long index, int width) {

    public BundleId {
        if (index < 0) {
            throw new IllegalArgumentException("bundle index must not be negative, got " + index);
        }
        if (width < 1 || width > TileMath.WIDTH) {
            throw new IllegalArgumentException("bundle width must be 1.." + TileMath.WIDTH + ", got " + width);
        }
    }

    public static BundleId full(long index) {
        return new BundleId(index, TileMath.WIDTH);
    }

    public boolean isPartial() {
        return width < TileMath.WIDTH;
    }

    /** Index of the first entry of the bundle. */
    public long firstEntry() {
        return index * TileMath.WIDTH;
    }

    /** {@code tile/entries/<N>[.p/<W>]}. */
    public String path() {
        return TilePaths.bundlePath(this);
    }

    @Override
    public String toString() {
        return path();
    }
}
