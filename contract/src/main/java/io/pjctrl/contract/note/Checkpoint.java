package io.pjctrl.contract.note;

import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

import io.pjctrl.contract.chain.Checksums;
import io.pjctrl.contract.chain.Timestamps;

/**
 * The signed statement "chain {@code origin} had {@code size} entries and its head checksum was {@code headChecksum}
 * at {@code time}", in the C2SP tlog-checkpoint body layout:
 *
 * <pre>
 * pjctrl-audit/events-0
 * 1234
 * base64(32 raw bytes of the head checksum)
 * time 2026-11-28T09:00:00.000000Z
 * </pre>
 *
 * Each line ends with U+000A. {@code size} is the seq of the head entry (seq is dense from 1, so it is also the
 * number of entries). The {@code time} line is an extension line in C2SP terms.
 */
public record Checkpoint(String origin, long size, String headChecksum, Instant time) {

    private static final Pattern ORIGIN = Pattern.compile("[\\x21-\\x7e]+");
    private static final Pattern SIZE = Pattern.compile("0|[1-9][0-9]{0,18}");
    private static final String TIME_PREFIX = "time ";

    public Checkpoint {
        if (origin == null || !ORIGIN.matcher(origin).matches()) {
            throw new IllegalArgumentException("origin must be non-empty printable ASCII without spaces: " + origin);
        }
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1: " + size);
        }
        if (!Checksums.isChecksum(headChecksum)) {
            throw new IllegalArgumentException("head checksum must be 64 lowercase hex chars: " + headChecksum);
        }
        time = Timestamps.truncate(time);
    }

    /** The note body exactly as signed (UTF-8, every line newline-terminated). */
    public String body() {
        return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(Checksums.toBytes(headChecksum)) + "\n"
                + TIME_PREFIX + Timestamps.format(time) + "\n";
    }

    /** Parses a body produced by {@link #body()}; anything else fails with {@link MalformedNoteException}. */
    public static Checkpoint parseBody(String body) {
        if (!body.endsWith("\n")) {
            throw new MalformedNoteException("checkpoint body does not end with a newline");
        }
        String[] lines = body.substring(0, body.length() - 1).split("\n", -1);
        if (lines.length != 4) {
            throw new MalformedNoteException("checkpoint body has " + lines.length + " lines, expected 4");
        }
        if (!SIZE.matcher(lines[1]).matches()) {
            throw new MalformedNoteException("size line is not a decimal number: " + lines[1]);
        }
        if (!lines[3].startsWith(TIME_PREFIX)) {
            throw new MalformedNoteException("fourth line is not a time line: " + lines[3]);
        }
        try {
            byte[] hash = Base64.getDecoder().decode(lines[2]);
            Checkpoint parsed = new Checkpoint(lines[0], Long.parseLong(lines[1]), Checksums.fromBytes(hash),
                    Instant.parse(lines[3].substring(TIME_PREFIX.length())));
            if (!parsed.body().equals(body)) {
                throw new MalformedNoteException("checkpoint body is not in canonical form");
            }
            return parsed;
        } catch (MalformedNoteException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MalformedNoteException("checkpoint body is malformed: " + e.getMessage());
        }
    }
}
