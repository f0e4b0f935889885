package io.pjctrl.contract.tlog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The body (note text) of a C2SP tlog-checkpoint: origin, tree size, base64 RFC 6962 root, then optional extension
 * lines, each line ending in a newline. Signatures are not part of it; see {@link SignedNote}.
 *
 * <pre>
 * audit.pjctrl.example/chain/project-7
 * 20852163
 * CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=
 * time 1733050000
 * </pre>
 */
public record Checkpoint(String origin, long size, byte[] rootHash, List<String> extensions) {

    private static final Pattern SIZE = Pattern.compile("0|[1-9][0-9]{0,18}");

    public Checkpoint {
        Objects.requireNonNull(origin, "origin");
        requireLine(origin, "origin");
        TreeMath.requireSize(size, "tree size");
        Rfc6962.requireHash(rootHash, "root hash");
        rootHash = rootHash.clone();
        extensions = List.copyOf(extensions);
        extensions.forEach(line -> requireLine(line, "extension line"));
    }

    public Checkpoint(String origin, long size, byte[] rootHash) {
        this(origin, size, rootHash, List.of());
    }

    /** Prefix of this log's {@code time <POSIX seconds>} extension line: when the log produced the checkpoint. */
    public static final String TIME_EXTENSION = "time ";

    private static final Pattern TIME = Pattern.compile("time (0|[1-9][0-9]{0,18})");

    /** The checkpoint of this log: origin, size, root and its {@code time} extension line (seconds, UTC). */
    public static Checkpoint at(String origin, long size, byte[] rootHash, Instant time) {
        return new Checkpoint(origin, size, rootHash, List.of(TIME_EXTENSION + time.getEpochSecond()));
    }

    /**
     * The instant of the first {@code time} extension line, if there is a well-formed one (an opaque extension to
     * anyone but this log: witnesses do not vouch for it).
     */
    public Optional<Instant> time() {
        return extensions.stream()
                .filter(line -> line.startsWith(TIME_EXTENSION))
                .findFirst()
                .filter(line -> TIME.matcher(line).matches())
                .flatMap(Checkpoint::seconds);
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    /** The note text: every line, the last one included, ends in {@code \n}. */
    public String format() {
        StringBuilder text = new StringBuilder(origin).append('\n')
                .append(size).append('\n')
                .append(Base64.getEncoder().encodeToString(rootHash)).append('\n');
        extensions.forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    /**
     * Parses a checkpoint's note text (without signatures) strictly: at least three lines, each non-empty and ending
     * in {@code \n}, a size in decimal without leading zeroes, a root in canonical standard base64 of 32 bytes, no
     * control characters.
     */
    public static Checkpoint parse(String text) {
        if (text.isEmpty() || text.charAt(text.length() - 1) != '\n') {
            throw new IllegalArgumentException("checkpoint text must end in a newline");
        }
        List<String> lines = Arrays.asList(text.substring(0, text.length() - 1).split("\n", -1));
        if (lines.size() < 3) {
            throw new IllegalArgumentException("checkpoint needs origin, size and root hash lines, got "
                    + lines.size() + " line(s)");
        }
        for (String line : lines) {
            requireLine(line, "checkpoint line");
        }
        if (!SIZE.matcher(lines.get(1)).matches()) {
            throw new IllegalArgumentException("checkpoint size '" + lines.get(1)
                    + "' is not a decimal without leading zeroes");
        }
        long size;
        try {
            size = Long.parseLong(lines.get(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("checkpoint size '" + lines.get(1) + "' beyond 2^63 - 1");
        }
        byte[] root = decodeHash(lines.get(2), "checkpoint root hash");
        return new Checkpoint(lines.get(0), size, root, new ArrayList<>(lines.subList(3, lines.size())));
    }

    private static Optional<Instant> seconds(String line) {
        try {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(line.substring(TIME_EXTENSION.length()))));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    /** Decodes canonical standard base64 of a 32-byte hash (re-encoding must give the same text). */
    static byte[] decodeHash(String base64, String what) {
        byte[] hash;
        try {
            hash = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not base64: '" + base64 + "'");
        }
        if (hash.length != Rfc6962.HASH_SIZE || !Base64.getEncoder().encodeToString(hash).equals(base64)) {
            throw new IllegalArgumentException(what + " must be the canonical base64 of 32 bytes: '" + base64 + "'");
        }
        return hash;
    }

    private static void requireLine(String line, String what) {
        if (line.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) < 0x20) {
                throw new IllegalArgumentException(what + " contains control character 0x"
                        + Integer.toHexString(line.charAt(i)));
            }
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Checkpoint that && origin.equals(that.origin) && size == that.size
                && Arrays.equals(rootHash, that.rootHash) && extensions.equals(that.extensions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(origin, size, Arrays.hashCode(rootHash), extensions);
    }

    @Override
    public String toString() {
        return "Checkpoint[" + origin + ", " + size + ", " + Base64.getEncoder().encodeToString(rootHash) + "]";
    }
}
