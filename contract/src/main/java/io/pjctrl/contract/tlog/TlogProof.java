package io.pjctrl.contract.tlog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The C2SP tlog-proof text format: an offline-verifiable proof that an entry is in the log.
 *
 * <pre>
 * c2sp.org/tlog-proof@v1
 * extra &lt;base64&gt;          (optional, unauthenticated)
 * index &lt;leaf index&gt;
 * &lt;base64 inclusion proof hash, lowest level first&gt;  (zero or more lines)
 *
 * &lt;the signed checkpoint note, verbatim, with its cosignatures&gt;
 * </pre>
 *
 * Parsing checks the framing; verifying the checkpoint's signatures and the inclusion proof is the caller's (see
 * {@link ProofVerifier}, {@link NoteSigning}).
 */
public record TlogProof(Optional<byte[]> extra, long index, List<byte[]> inclusionPath, String checkpointNote) {

    /** First line of every proof. */
    public static final String HEADER = "c2sp.org/tlog-proof@v1";

    private static final Pattern INDEX = Pattern.compile("index (0|[1-9][0-9]{0,18})");

    public TlogProof {
        extra = extra.map(byte[]::clone);
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative, got " + index);
        }
        inclusionPath = inclusionPath.stream().map(byte[]::clone).toList();
        inclusionPath.forEach(hash -> Rfc6962.requireHash(hash, "inclusion proof hash"));
        Objects.requireNonNull(checkpointNote, "checkpoint note");
        if (checkpointNote.isEmpty() || !checkpointNote.endsWith("\n")) {
            throw new IllegalArgumentException("checkpoint note must be non-empty and end in a newline");
        }
    }

    @Override
    public Optional<byte[]> extra() {
        return extra.map(byte[]::clone);
    }

    public String format() {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        extra.ifPresent(bytes -> text.append("extra ").append(Base64.getEncoder().encodeToString(bytes)).append('\n'));
        text.append("index ").append(index).append('\n');
        inclusionPath.forEach(hash -> text.append(Base64.getEncoder().encodeToString(hash)).append('\n'));
        return text.append('\n').append(checkpointNote).toString();
    }

    public static TlogProof parse(String text) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int at = 0;
        if (!HEADER.equals(lines.get(at++))) {
            throw new IllegalArgumentException("tlog-proof must start with '" + HEADER + "'");
        }
        Optional<byte[]> extra = Optional.empty();
        if (at < lines.size() && lines.get(at).startsWith("extra ")) {
            try {
                extra = Optional.of(Base64.getDecoder().decode(lines.get(at++).substring("extra ".length())));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("tlog-proof extra data is not base64");
            }
        }
        if (at >= lines.size() || !INDEX.matcher(lines.get(at)).matches()) {
            throw new IllegalArgumentException("tlog-proof needs 'index <decimal without leading zeroes>', got '"
                    + (at < lines.size() ? lines.get(at) : "") + "'");
        }
        long index;
        try {
            index = Long.parseLong(lines.get(at++).substring("index ".length()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("tlog-proof index beyond 2^63 - 1");
        }
        List<byte[]> path = new ArrayList<>();
        while (at < lines.size() && !lines.get(at).isEmpty()) {
            path.add(Checkpoint.decodeHash(lines.get(at++), "tlog-proof hash " + path.size()));
        }
        if (at >= lines.size()) {
            throw new IllegalArgumentException("tlog-proof has no empty line before its checkpoint");
        }
        String checkpoint = String.join("\n", lines.subList(at + 1, lines.size()));
        return new TlogProof(extra, index, path, checkpoint);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof TlogProof that) || index != that.index || !checkpointNote.equals(that.checkpointNote)
                || inclusionPath.size() != that.inclusionPath.size()
                || extra.isPresent() != that.extra.isPresent()
                || extra.isPresent() && !Arrays.equals(extra.get(), that.extra.get())) {
            return false;
        }
        for (int i = 0; i < inclusionPath.size(); i++) {
            if (!Arrays.equals(inclusionPath.get(i), that.inclusionPath.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, checkpointNote, inclusionPath.size());
    }
}
