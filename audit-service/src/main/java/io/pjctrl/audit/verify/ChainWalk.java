package io.pjctrl.audit.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

import io.pjctrl.audit.log.StoredEntry;
import io.pjctrl.contract.chain.ChainMismatch;
import io.pjctrl.contract.chain.ChainVerifier;
import io.pjctrl.contract.chain.ChainedEntry;
import io.pjctrl.contract.chain.Checksums;

/**
 * One chain's walk, fed one stored entry at a time in seq order: the chain package's {@link ChainVerifier} checks seq
 * density, links and checksums; this adds every signed checkpoint in the range (the signed hash must equal the
 * checksum recomputed at the signed seq) and keeps at most {@code maxFailures} failures in memory.
 */
final class ChainWalk {

    private final String chainId;
    /** Signed checkpoints in the walked range by seq; removed as the walk reaches them. */
    private final NavigableMap<Long, TrustedCheckpoint> pending;
    private final TrustedCheckpoint latest;
    private final int maxFailures;
    private final List<VerifyFailure> failures = new ArrayList<>();
    private ChainVerifier verifier;
    private int failureCount;
    private long checked;
    private Long firstSeq;

    /**
     * @param predecessorChecksum stored checksum of the entry before the range (null: the range starts at seq 1, or
     *        the predecessor is missing, which the first entry's gap/link check then shows)
     */
    ChainWalk(String chainId, long fromSeq, String predecessorChecksum, List<TrustedCheckpoint> checkpoints,
            int maxFailures) {
        this.chainId = chainId;
        this.pending = new TreeMap<>();
        checkpoints.forEach(c -> pending.put(c.seq(), c));
        this.latest = pending.isEmpty() ? null : pending.lastEntry().getValue();
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
        for (ChainMismatch mismatch : verifier.next(entry)) {
            fail(toFailure(mismatch, stored));
        }
        checked++;
        TrustedCheckpoint checkpoint = pending.remove(stored.seq());
        if (checkpoint != null) {
            String recomputed = Checksums.isChecksum(stored.prevChecksum())
                    ? Checksums.compute(stored.prevChecksum(), entry.entry())
                    : null;
            if (!checkpoint.headChecksum().equals(recomputed)) {
                fail(VerifyFailure.of(chainId, stored.seq(), stored.id(), "checkpoint_mismatch",
                        checkpoint.headChecksum(), recomputed, "the checkpoint signed at seq " + checkpoint.seq()
                                + " does not match the checksum recomputed from the stored entries"));
            }
        }
        return this;
    }

    /** Call after the last entry: a checkpoint beyond the chain's end means entries were removed from its tail. */
    ChainReport finish() {
        for (TrustedCheckpoint checkpoint : pending.values()) {
            Long last = verifier == null ? null : verifier.lastSeq();
            fail(VerifyFailure.of(chainId, checkpoint.seq(), null, "checkpoint_mismatch", checkpoint.headChecksum(), null,
                    "the checkpoint signed seq " + checkpoint.seq() + " but the chain has no entry there (last seq "
                            + last + "): entries were removed"));
        }
        Long head = verifier == null || checked == 0 ? null : verifier.lastSeq();
        String headChecksum = verifier == null || checked == 0 ? null : verifier.headChecksum();
        return new ChainReport(chainId, failureCount == 0 ? VerifyReport.VALID : VerifyReport.INVALID, checked, firstSeq,
                head, headChecksum, latest == null ? null : latest.seq(), latest == null ? null : latest.keyId(),
                failureCount);
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
