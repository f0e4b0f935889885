package io.pjctrl.contract.verifier;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import io.pjctrl.contract.chain.ChainMismatch;
import io.pjctrl.contract.tlog.CompactRange;

/**
 * What the verifier keeps of one chain while reading (a {@link Fact} per row, the failures found so far, the
 * checkpoints that name it) and the checks that need the whole chain: the walk in seq order and the comparison of
 * every checkpoint with the entries.
 */
final class ChainState {

    /** One row reduced to its hashes: stored prev and checksum (null when not a checksum), recomputed checksum. */
    record Fact(long seq, UUID id, byte[] prev, byte[] checksum, byte[] computed, byte[] leafData, boolean proved,
            int format) {
    }

    private static final HexFormat HEX = HexFormat.of();
    /** {@link io.pjctrl.contract.chain.Checksums#GENESIS} as bytes: 64 ASCII zeros are the hex of 32 zero bytes. */
    private static final byte[] GENESIS = new byte[32];

    private final String id;
    private final List<Fact> facts = new ArrayList<>();
    private final List<Finding> failures = new ArrayList<>();
    private final List<CheckedNote> held = new ArrayList<>();
    private final List<CheckedNote> proofCheckpoints = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    ChainState(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    void add(Fact fact) {
        facts.add(fact);
    }

    void fail(ChainMismatch mismatch) {
        failures.add(new Finding(id, mismatch.seq(), mismatch.kind(), mismatch.describe()));
    }

    void fail(Finding finding) {
        failures.add(finding);
    }

    void heldCheckpoint(CheckedNote note) {
        if (note.verified()) {
            held.add(note);
        } else {
            failures.add(note.failure());
        }
    }

    void proofCheckpoint(CheckedNote note) {
        if (proofCheckpoints.stream().noneMatch(known -> known == note)) {
            proofCheckpoints.add(note);
        }
    }

    /**
     * @param segment the export is one contiguous seq range of each chain that may start after seq 1 (an archive of
     *        retention, docs/retention.md): seqs must be dense from the chain's first one, whose prev_checksum is
     *        taken as the file gives it (reported, for comparison with the manifest or the previous archive)
     */
    ChainReport finish(boolean filtered, boolean segment, Instant snapshot, int quorum) {
        facts.sort(Comparator.comparingLong(Fact::seq).thenComparing(Fact::id));
        if (segment && !facts.isEmpty() && facts.get(0).seq() > 1) {
            notes.add("segment from seq " + facts.get(0).seq() + " after prev_checksum " + hex(facts.get(0).prev()));
        }
        walk(filtered, segment);
        long complete = contiguousFromOne();
        long maxSeq = facts.isEmpty() ? 0 : facts.get(facts.size() - 1).seq();
        Map<Long, byte[]> roots = roots(complete);
        List<String> checkpoints = new ArrayList<>();
        // A segment ends where the next one (or the log) takes over: a checkpoint beyond it is no truncation.
        Instant tail = segment ? null : snapshot;
        for (CheckedNote note : held) {
            checkpoints.add(compare(note, false, complete, maxSeq, roots, filtered, tail, quorum));
        }
        for (CheckedNote note : proofCheckpoints) {
            checkpoints.add(compare(note, true, complete, maxSeq, roots, filtered, tail, quorum));
        }
        proofsConsistent(complete);
        missingProofs();
        return new ChainReport(id, failures, summary(filtered, segment, complete, maxSeq, checkpoints));
    }

    /** Links and gaps, in seq order; only links between consecutive seqs when the export was filtered. */
    private void walk(boolean filtered, boolean segment) {
        Fact before = null;
        long expected = segment && !facts.isEmpty() ? facts.get(0).seq() : 1;
        for (Fact fact : facts) {
            if (segment && before == null && fact.seq() > 1) {
                // The segment's first link points into a range that is not in this file.
                expected = fact.seq() + 1;
                before = fact;
                continue;
            }
            if (before != null && fact.seq() == before.seq()) {
                fail(new ChainMismatch.Gap(id, fact.seq(), expected));
            } else if (!filtered && fact.seq() != expected) {
                fail(new ChainMismatch.Gap(id, fact.seq(), expected));
            }
            byte[] expectedPrev = fact.seq() == 1
                    ? GENESIS
                    : before != null && (!filtered || before.seq() == fact.seq() - 1) ? before.checksum() : null;
            boolean linkChecked = fact.seq() == 1 || before != null && (!filtered || before.seq() == fact.seq() - 1);
            if (linkChecked && (expectedPrev == null || fact.prev() == null || !Arrays.equals(expectedPrev, fact.prev()))) {
                fail(new ChainMismatch.BrokenLink(id, fact.seq(), hex(expectedPrev), hex(fact.prev())));
            }
            expected = fact.seq() + 1;
            before = fact;
        }
    }

    /** n such that seqs 1..n are all present (the tree of size n can be rebuilt from the export). */
    private long contiguousFromOne() {
        long n = 0;
        for (Fact fact : facts) {
            if (fact.seq() == n + 1) {
                n++;
            } else if (fact.seq() != n) {
                break;
            }
        }
        return n;
    }

    /** The tree root at each checkpoint size up to {@code complete}, rebuilt from the entries' leaf data. */
    private Map<Long, byte[]> roots(long complete) {
        TreeSet<Long> sizes = new TreeSet<>();
        held.forEach(note -> sizes.add(note.size()));
        proofCheckpoints.forEach(note -> sizes.add(note.size()));
        sizes.removeIf(size -> size > complete || size < 1);
        Map<Long, byte[]> roots = new HashMap<>();
        CompactRange tree = CompactRange.empty();
        long next = 1;
        for (long size : sizes) {
            while (tree.size() < size) {
                tree.appendData(first(next++).leafData(), (level, index, hash) -> {
                });
            }
            roots.put(size, tree.root());
        }
        return roots;
    }

    private String compare(CheckedNote note, boolean fromProof, long complete, long maxSeq, Map<Long, byte[]> roots,
            boolean filtered, Instant snapshot, int quorum) {
        String label = note.size() + (fromProof ? ":proof" : ":" + note.source());
        if (note.size() > maxSeq) {
            if (!filtered && snapshot != null && note.time().plus(TrustPolicy.WINDOW_SLACK).isBefore(snapshot)) {
                fail(new Finding(id, note.size(), "tail_truncated", "checkpoint " + label + " of " + note.time()
                        + " has size " + note.size() + " but the export, snapshot " + snapshot + ", ends at seq " + maxSeq));
            } else {
                notes.add("checkpoint " + label + " is beyond the export (seq " + maxSeq + "): inconclusive");
            }
            requireQuorum(note, label, quorum);
            return label + "=beyond_export";
        }
        Fact atSize = first(note.size());
        boolean head = !fromProof && atSize != null && Arrays.equals(atSize.computed(), note.hash());
        byte[] root = roots.get(note.size());
        if (head) {
            return label + "=head";
        }
        requireQuorum(note, label, quorum);
        if (root != null && Arrays.equals(root, note.hash())) {
            return label + "=root(" + note.cosignatures() + " cosignatures)";
        }
        if (root != null) {
            fail(new Finding(id, note.size(), "checkpoint_mismatch", "checkpoint " + label + " signs "
                    + hex(note.hash()) + " but the entries give head " + hex(atSize.computed()) + " and root "
                    + hex(root) + " at size " + note.size()));
            return label + "=mismatch";
        }
        notes.add("checkpoint " + label + " not comparable: entries below it are not in the export");
        return label + "=not_comparable";
    }

    private void requireQuorum(CheckedNote note, String label, int quorum) {
        if (note.cosignatures() < quorum) {
            fail(new Finding(id, note.size(), "quorum_not_met", "checkpoint " + label + " has " + note.cosignatures()
                    + " valid cosignature(s) of trusted witnesses, the quorum is " + quorum));
        }
    }

    /** Tree roots named by proofs must agree where they have the same size; other sizes need the entries. */
    private void proofsConsistent(long complete) {
        Map<Long, CheckedNote> bySize = new HashMap<>();
        for (CheckedNote note : proofCheckpoints) {
            CheckedNote other = bySize.putIfAbsent(note.size(), note);
            if (other != null && !Arrays.equals(other.hash(), note.hash())) {
                fail(new Finding(id, note.size(), "inconsistent_checkpoints", "proofs name two checkpoints of size "
                        + note.size() + " with roots " + hex(other.hash()) + " and " + hex(note.hash())));
            }
        }
        if (bySize.size() > 1 && bySize.keySet().stream().anyMatch(size -> size > complete)) {
            notes.add("proofs name checkpoints of sizes " + new TreeSet<>(bySize.keySet())
                    + ": their consistency needs the entries up to the largest, which the export lacks");
        }
    }

    /** An export with proofs has one for every entry up to its checkpoint's size. */
    private void missingProofs() {
        long covered = proofCheckpoints.stream().mapToLong(CheckedNote::size).max().orElse(0);
        for (Fact fact : facts) {
            if (!fact.proved() && fact.seq() <= covered) {
                fail(new Finding(id, fact.seq(), "missing_proof", "entry " + fact.id() + " has no tlog_proof but the "
                        + "export's checkpoint of this chain has size " + covered));
            }
        }
    }

    private String summary(boolean filtered, boolean segment, long complete, long maxSeq, List<String> checkpoints) {
        long proved = facts.stream().filter(Fact::proved).count();
        long format2 = facts.stream().filter(fact -> fact.format() == 2).count();
        String range = facts.isEmpty() ? "none" : facts.get(0).seq() + ".." + maxSeq;
        String completeness = filtered
                ? "no(filtered)"
                : complete == maxSeq
                        ? "yes"
                        : segment && failures.stream().noneMatch(f -> f.kind().equals("gap")) ? "segment" : "no";
        StringBuilder out = new StringBuilder("entries=").append(facts.size())
                .append(" seq=").append(range)
                .append(" complete=").append(completeness)
                .append(" format2=").append(format2)
                .append(" proofs=").append(proved).append('/').append(facts.size())
                .append(" checkpoints=").append(checkpoints.isEmpty() ? "none" : String.join(",", checkpoints));
        if (!notes.isEmpty()) {
            out.append(" notes: ").append(String.join("; ", notes));
        }
        return out.toString();
    }

    /** The first fact of {@code seq} (facts are sorted), or null. */
    private Fact first(long seq) {
        int low = 0;
        int high = facts.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (facts.get(mid).seq() < seq) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low < facts.size() && facts.get(low).seq() == seq ? facts.get(low) : null;
    }

    private static String hex(byte[] hash) {
        return hash == null ? "none" : HEX.formatHex(hash);
    }
}
