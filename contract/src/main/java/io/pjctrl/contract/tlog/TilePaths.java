package io.pjctrl.contract.tlog;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resource paths of C2SP tlog-tiles, relative to the log's prefix: {@code tile/<L>/<N>[.p/<W>]} and
 * {@code tile/entries/<N>[.p/<W>]}. {@code <N>} is written in zero-padded 3-digit elements, all but the last prefixed
 * with {@code x} (1234067 is {@code x001/x234/067}); {@code <L>} and {@code <W>} are decimal without leading zeroes.
 *
 * <p>
 * Parsing is strict: only the one encoding {@link #encodeIndex(long)} writes is accepted (no {@code x000/} elements,
 * no leading zeroes, no level above 63, no width outside 1..255, no index beyond 2^63 - 1), so every resource has one
 * path and a cache cannot be filled twice.
 */
public final class TilePaths {

    /** The path element that introduces entry bundles: {@code tile/entries/...}. */
    public static final String ENTRIES = "entries";

    private static final String TILE = "tile/";
    private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,2}");
    private static final Pattern INDEX = Pattern.compile("((?:x[0-9]{3}/)*)([0-9]{3})(?:\\.p/([^/]*))?");

    private TilePaths() {
    }

    /** {@code tile/<L>/<N>[.p/<W>]}. */
    public static String tilePath(TileId tile) {
        return TILE + tile.level() + "/" + encodeIndex(tile.index()) + suffix(tile.width());
    }

    /** {@code tile/entries/<N>[.p/<W>]}. */
    public static String bundlePath(BundleId bundle) {
        return TILE + ENTRIES + "/" + encodeIndex(bundle.index()) + suffix(bundle.width());
    }

    /** {@code <N>} of a tile path: 3-digit elements, all but the last prefixed with {@code x}. */
    public static String encodeIndex(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("tile index must not be negative, got " + index);
        }
        String path = String.format("%03d", index % 1000);
        for (long rest = index / 1000; rest > 0; rest /= 1000) {
            path = String.format("x%03d/", rest % 1000) + path;
        }
        return path;
    }

    /** Parses {@code tile/<L>/<N>[.p/<W>]}; throws {@link IllegalArgumentException} saying what is wrong. */
    public static TileId parseTile(String path) {
        String rest = stripTile(path);
        int slash = rest.indexOf('/');
        if (slash < 0) {
            throw bad(path, "no tile level");
        }
        String level = rest.substring(0, slash);
        if (!DECIMAL.matcher(level).matches() || Integer.parseInt(level) > TileMath.MAX_LEVEL) {
            throw bad(path, "tile level must be a decimal 0.." + TileMath.MAX_LEVEL + " without leading zeroes");
        }
        long[] indexWidth = parseIndexAndWidth(path, rest.substring(slash + 1));
        return new TileId(Integer.parseInt(level), indexWidth[0], (int) indexWidth[1]);
    }

    /** Parses {@code tile/entries/<N>[.p/<W>]}. */
    public static BundleId parseBundle(String path) {
        String rest = stripTile(path);
        if (!rest.startsWith(ENTRIES + "/")) {
            throw bad(path, "not under tile/entries/");
        }
        long[] indexWidth = parseIndexAndWidth(path, rest.substring(ENTRIES.length() + 1));
        return new BundleId(indexWidth[0], (int) indexWidth[1]);
    }

    /**
     * Parses {@code <N>[.p/<W>]}, the part after the level (or after {@code entries/}) that a router hands over;
     * returns {index, width}, width 256 when there is no {@code .p/} suffix.
     */
    public static long[] parseIndexAndWidth(String indexPath) {
        return parseIndexAndWidth(indexPath, indexPath);
    }

    private static long[] parseIndexAndWidth(String path, String indexPath) {
        Matcher matcher = INDEX.matcher(indexPath);
        if (!matcher.matches()) {
            throw bad(path, "tile index must be 3-digit elements, all but the last prefixed with x");
        }
        long index = 0;
        String prefix = matcher.group(1);
        boolean leading = true;
        for (int at = 0; at < prefix.length(); at += 5) {
            int element = Integer.parseInt(prefix.substring(at + 1, at + 4));
            if (leading && element == 0) {
                throw bad(path, "tile index has a leading x000 element");
            }
            leading = false;
            index = accumulate(path, index, element);
        }
        index = accumulate(path, index, Integer.parseInt(matcher.group(2)));
        int width = TileMath.WIDTH;
        String suffix = matcher.group(3);
        if (suffix != null) {
            if (!DECIMAL.matcher(suffix).matches() || Integer.parseInt(suffix) < 1
                    || Integer.parseInt(suffix) >= TileMath.WIDTH) {
                throw bad(path, "partial width must be a decimal 1..255 without leading zeroes");
            }
            width = Integer.parseInt(suffix);
        }
        return new long[]{index, width};
    }

    private static long accumulate(String path, long index, int element) {
        if (index > (Long.MAX_VALUE - element) / 1000) {
            throw bad(path, "tile index beyond 2^63 - 1");
        }
        return index * 1000 + element;
    }

    private static String stripTile(String path) {
        if (path == null || !path.startsWith(TILE)) {
            throw bad(path, "does not start with tile/");
        }
        return path.substring(TILE.length());
    }

    private static String suffix(int width) {
        return width == TileMath.WIDTH ? "" : ".p/" + width;
    }

    private static IllegalArgumentException bad(String path, String why) {
        return new IllegalArgumentException("bad tile path '" + path + "': " + why);
    }
}
