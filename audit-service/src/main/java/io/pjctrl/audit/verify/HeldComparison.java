package io.pjctrl.audit.verify;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.pjctrl.contract.tlog.InconsistentCheckpoint;

/**
 * One chain against the checkpoints held outside the database. A held note of size {@code h} is consistent when its
 * hash line is either the chain's head checksum at seq {@code h} (a checkpoint of format 1) or the root of the
 * chain's tree at size {@code h} (format 2): both commit to the first {@code h} entries. Two trees are asked: the one
 * rebuilt from the stored entries during the walk (a rewritten entry shows there) and, for each source's largest
 * note, the stored tree of tiles (what the public endpoints serve; a tree rewritten to match rewritten entries, or
 * cut back, shows there).
 */
final class HeldComparison {

    /** What the walk found at a size: the recomputed head checksum and the rebuilt root (null when not reached). */
    interface Walked {

        /** Recomputed checksum of entry {@code seq}, null when the walk did not reach it. */
        String headAt(long seq);

        /** Root of the tree rebuilt from the entries at {@code size}, null when not rebuilt that far. */
        byte[] rootAt(long size);

        /** Whether the rebuilt tree (or the walked chain) is authoritative at {@code size}: walked from seq 1. */
        boolean covers(long size);
    }

    private final String chainId;
    private final long treeSize;

    HeldComparison(String chainId, long treeSize) {
        this.chainId = chainId;
        this.treeSize = treeSize;
    }

    /**
     * Compares every note of every source. {@code storedCompare} answers for a note (the largest of its source) how
     * it compares with the stored tree: empty when the tree extends it.
     */
    List<OutsideCheck> compare(Map<String, List<HeldNote>> bySource, Walked walked,
            Function<HeldNote, Optional<InconsistentCheckpoint>> storedCompare, List<VerifyFailure> failures) {
        List<OutsideCheck> checks = new ArrayList<>();
        for (Map.Entry<String, List<HeldNote>> source : bySource.entrySet()) {
            checks.add(compareSource(source.getKey(), source.getValue(), walked, storedCompare, failures));
        }
        return checks;
    }

    /** The largest note of each source, the one compared with the stored tree. */
    static Map<String, HeldNote> largest(Map<String, List<HeldNote>> bySource) {
        Map<String, HeldNote> largest = new LinkedHashMap<>();
        bySource.forEach((source, notes) -> notes.stream()
                .max(Comparator.comparingLong(HeldNote::size))
                .ifPresent(note -> largest.put(source, note)));
        return largest;
    }

    private OutsideCheck compareSource(String source, List<HeldNote> notes, Walked walked,
            Function<HeldNote, Optional<InconsistentCheckpoint>> storedCompare, List<VerifyFailure> failures) {
        HeldNote largest = notes.stream().max(Comparator.comparingLong(HeldNote::size)).orElseThrow();
        VerifyFailure first = null;
        int inconsistent = 0;
        for (HeldNote note : notes.stream().sorted(Comparator.comparingLong(HeldNote::size)).toList()) {
            VerifyFailure failure = againstEntries(note, walked);
            if (failure != null) {
                inconsistent++;
                first = first == null ? failure : first;
            }
        }
        VerifyFailure stored = matchesHead(largest, walked) ? null : againstStored(largest, storedCompare);
        if (first != null) {
            failures.add(first);
        }
        if (stored != null && (first == null || !first.seq().equals(stored.seq()))) {
            failures.add(stored);
            inconsistent++;
        }
        if (inconsistent == 0) {
            return new OutsideCheck(source, OutsideCheck.CONSISTENT, notes.size(), largest.size(), null);
        }
        return new OutsideCheck(source, OutsideCheck.INCONSISTENT, notes.size(), largest.size(),
                inconsistent + " held checkpoint(s) not consistent with the log; first: "
                        + (first != null ? first : stored).detail());
    }

    /** Null when the entries give the note's hash at its size (or the walk cannot tell), else the evidence. */
    private VerifyFailure againstEntries(HeldNote note, Walked walked) {
        long size = note.size();
        if (matchesHead(note, walked)) {
            return null;
        }
        if (!walked.covers(size)) {
            return null;
        }
        byte[] root = walked.rootAt(size);
        if (root != null && java.util.Arrays.equals(root, note.checkpoint().rootHash())) {
            return null;
        }
        String held = b64(note.checkpoint().rootHash());
        String detail = root == null
                ? "the chain's entries stop before seq " + size + ", but " + describe(note) + " holds " + size
                        + " entries: entries were removed"
                : "the chain's entries give root " + b64(root) + " at size " + size + ", not the " + held + " of "
                        + describe(note) + ": entries up to seq " + size + " were changed";
        return failure(note, held, root == null ? null : b64(root), detail);
    }

    private VerifyFailure againstStored(HeldNote note,
            Function<HeldNote, Optional<InconsistentCheckpoint>> storedCompare) {
        Optional<InconsistentCheckpoint> evidence = storedCompare.apply(note);
        if (evidence.isEmpty()) {
            return null;
        }
        InconsistentCheckpoint e = evidence.get();
        byte[] storedRoot = e.storedRootAtHeldSize();
        return failure(note, b64(e.heldRoot()), storedRoot == null ? null : b64(storedRoot),
                "stored tree of chain " + chainId + ": " + e.describe() + " (held by " + note.source() + ")");
    }

    private static boolean matchesHead(HeldNote note, Walked walked) {
        String head = walked.headAt(note.size());
        return head != null && head.equals(HexFormat.of().formatHex(note.checkpoint().rootHash()));
    }

    private VerifyFailure failure(HeldNote note, String expected, String computed, String detail) {
        return new VerifyFailure(chainId, note.size(), null, "inconsistent_checkpoint", expected, computed, detail, null,
                null, null, note.source(), treeSize, null, null);
    }

    private static String describe(HeldNote note) {
        return "the " + note.origin() + " checkpoint of size " + note.size() + " held by " + note.source();
    }

    private static String b64(byte[] hash) {
        return Base64.getEncoder().encodeToString(hash);
    }
}
