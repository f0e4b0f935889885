package io.pjctrl.audit.verify;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

import io.pjctrl.audit.log.StoredEntry;
import io.pjctrl.contract.chain.ChainMismatch;
import io.pjctrl.contract.chain.ChainVerifier;
import io.pjctrl.contract.chain.ChainedEntry;
import io.pjctrl.contract.chain.Checksums;

/**
 * One chain's walk, fed one stored entry at a time in seq order: the chain package's {@link ChainVerifier} checks seq
 * density, links and checksums; this adds every signed checkpoint in the range (a format-1 note's hash must equal
 * the checksum recomputed at the signed seq, a format-2 note's the root of the tree rebuilt from the entries,
 * {@link EntryTree}), remembers the recomputed head at the sizes held outside ({@link HeldComparison}), feeds the
 * reconciliation with the source topic when there is one, and keeps at most {@code maxFailures} failures in memory.
 */
final class ChainWalk implements HeldComparison.Walked {

    private final String chainId;
    private final long fromSeq;
    /** Signed checkpoints in the walked range by seq; removed as the walk reaches them. */
    private final NavigableMap<Long, TrustedCheckpoint> pending;
    private final TrustedCheckpoint latest;
    private final Set<Long> heldSizes;
    private final Map<Long, String> heads = new HashMap<>();
    private final EntryTree tree;
    private final ReconcileWalk reconcile;
    private final int maxFailures;
    private final List<VerifyFailure> failures = new ArrayList<>();
    private ChainVerifier verifier;
    private int failureCount;
    private long checked;
    private Long firstSeq;

    /**
     * @param predecessorChecksum stored checksum of the entry before the range (null: the range starts at seq 1, or
     *        the predecessor is missing, which the first entry's gap/link check then shows)
     * @param heldSizes sizes of checkpoints held outside, whose recomputed head the walk remembers
     * @param tree the tree to rebuild from the entries (walks from seq 1 only), or null
     * @param reconcile the reconciliation with the chain's partition, or null
     */
    ChainWalk(String chainId, long fromSeq, String predecessorChecksum, List<TrustedCheckpoint> checkpoints,
            Set<Long> heldSizes, EntryTree tree, ReconcileWalk reconcile, int maxFailures) {
        this.chainId = chainId;
        this.fromSeq = fromSeq;
        this.pending = new TreeMap<>();
        checkpoints.forEach(c -> pending.put(c.seq(), c));
        this.latest = pending.isEmpty() ? null : pending.lastEntry().getValue();
        this.heldSizes = heldSizes;
        this.tree = tree;
        this.reconcile = reconcile;
        this.maxFailures = maxFailures;
        if (fromSeq <= 1) {
            verifier = ChainVerifier.fromGenesis(chainId);
        } else if (predecessorChecksum != null) {
            verifier = ChainVerifier.after(chainId, fromSeq - 1, predecessorChecksum);
        }
    }

    ChainWalk add(StoredEntry stored) {
        ChainedEntry entry;
        try {
            entry = stored.toChained();
        } catch (IllegalArgumentException e) {
            fail(VerifyFailure.of(chainId, stored.seq(), stored.id(), "checksum_mismatch", stored.checksum(), null,
                    "stored fields cannot be canonicalized: " + e.getMessage()));
            return this;
        }
        if (verifier == null) {
            // The range's predecessor is missing: start from what the first entry claims; the gap shows below.
            verifier = ChainVerifier.after(chainId, stored.seq() - 1, stored.prevChecksum());
        }
        if (firstSeq == null) {
            firstSeq = stored.seq();
        }
        // The canonical form is the costliest part of an entry's check: written once, for its checksum and its leaf.
        byte[] canonical = entry.entry().canonicalBytes();
        for (ChainMismatch mismatch : verifier.next(entry, canonical)) {
            fail(toFailure(mismatch, stored));
        }
        checked++;
        if (tree != null) {
            tree.add(stored.seq(), canonical);
        }
        if (reconcile != null) {
            reconcile.add(stored.seq(), stored.id(), stored.eventId(), stored.entrySource());
        }
        TrustedCheckpoint checkpoint = pending.remove(stored.seq());
        if (checkpoint == null && !heldSizes.contains(stored.seq())) {
            return this;
        }
        String recomputed = Checksums.isChecksum(stored.prevChecksum())
                ? Checksums.compute(stored.prevChecksum(), canonical)
                : null;
        if (heldSizes.contains(stored.seq()) && recomputed != null) {
            heads.put(stored.seq(), recomputed);
        }
        if (checkpoint != null) {
            check(checkpoint, stored, recomputed);
        }
        return this;
    }

    private void check(TrustedCheckpoint checkpoint, StoredEntry stored, String recomputed) {
        if (!checkpoint.root()) {
            if (!checkpoint.signedHash().equals(recomputed)) {
                fail(VerifyFailure.of(chainId, stored.seq(), stored.id(), "checkpoint_mismatch",
                        checkpoint.signedHash(), recomputed, "the checkpoint signed at seq " + checkpoint.seq()
                                + " does not match the checksum recomputed from the stored entries"));
            }
            return;
        }
        if (tree == null || tree.broken()) {
            // A ranged walk (or one past a gap) has no rebuilt tree: VerifyService compares the stored tree instead.
            return;
        }
        byte[] root = tree.rootAt(stored.seq());
        String rebuilt = root == null ? null : HexFormat.of().formatHex(root);
        if (!checkpoint.signedHash().equals(rebuilt)) {
            fail(VerifyFailure.of(chainId, stored.seq(), stored.id(), "checkpoint_mismatch",
                    base64(checkpoint.signedHash()), root == null ? null : Base64.getEncoder().encodeToString(root),
                    "the checkpoint signed at seq " + checkpoint.seq()
                            + " does not match the root of the tree rebuilt from the stored entries"));
        }
    }

    /** Call after the last entry: a checkpoint beyond the chain's end means entries were removed from its tail. */
    ChainReport finish() {
        if (reconcile != null) {
            reconcile.finish();
        }
        for (TrustedCheckpoint checkpoint : pending.values()) {
            Long last = verifier == null ? null : verifier.lastSeq();
            fail(VerifyFailure.of(chainId, checkpoint.seq(), null, "checkpoint_mismatch",
                    checkpoint.root() ? base64(checkpoint.signedHash()) : checkpoint.signedHash(), null,
                    "the checkpoint signed seq " + checkpoint.seq() + " but the chain has no entry there (last seq "
                            + last + "): entries were removed"));
        }
        Long head = verifier == null || checked == 0 ? null : verifier.lastSeq();
        String headChecksum = verifier == null || checked == 0 ? null : verifier.headChecksum();
        return new ChainReport(chainId, failureCount == 0 ? VerifyReport.VALID : VerifyReport.INVALID, checked, firstSeq,
                head, headChecksum, latest == null ? null : latest.seq(), latest == null ? null : latest.keyId(),
                failureCount);
    }

    @Override
    public String headAt(long seq) {
        return heads.get(seq);
    }

    @Override
    public byte[] rootAt(long size) {
        return tree == null ? null : tree.rootAt(size);
    }

    @Override
    public boolean covers(long size) {
        return fromSeq <= 1 && tree != null && (tree.reached(size) || !tree.broken());
    }

    EntryTree tree() {
        return tree;
    }

    void fail(VerifyFailure failure) {
        failureCount++;
        if (failures.size() < maxFailures) {
            failures.add(failure);
        }
    }

    List<VerifyFailure> failures() {
        return failures;
    }

    int failureCount() {
        return failureCount;
    }

    private static String base64(String hex) {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
    }

    private VerifyFailure toFailure(ChainMismatch mismatch, StoredEntry stored) {
        if (mismatch instanceof ChainMismatch.ChecksumMismatch m) {
            return VerifyFailure.of(chainId, m.seq(), stored.id(), m.kind(), m.storedChecksum(), m.computedChecksum(),
                    m.describe());
        }
        if (mismatch instanceof ChainMismatch.BrokenLink m) {
            return VerifyFailure.of(chainId, m.seq(), stored.id(), m.kind(), m.expectedPrevChecksum(),
                    m.storedPrevChecksum(), m.describe());
        }
        ChainMismatch.Gap m = (ChainMismatch.Gap) mismatch;
        return VerifyFailure.of(chainId, m.seq(), stored.id(), m.kind(), Long.toString(m.expectedSeq()),
                Long.toString(m.seq()), m.describe());
    }
}
