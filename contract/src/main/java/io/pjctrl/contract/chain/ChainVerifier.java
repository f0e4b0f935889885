package io.pjctrl.contract.chain;

import java.util.ArrayList;
import java.util.List;

/**
 * Walks one chain in seq order, one entry at a time (so a caller can stream millions of rows), and reports what does
 * not hold. Not thread-safe: one instance per walk.
 *
 * <p>
 * After each entry the walker continues from that entry's <em>stored</em> checksum and seq, so one altered entry
 * yields one checksum_mismatch instead of failing every entry after it (the next entry's link to the stored checksum
 * still holds).
 */
public final class ChainVerifier {

    private final String chainId;
    private long expectedSeq;
    private String expectedPrev;
    private long verified;

    private ChainVerifier(String chainId, long expectedSeq, String expectedPrev) {
        this.chainId = chainId;
        this.expectedSeq = expectedSeq;
        this.expectedPrev = expectedPrev;
    }

    /** A walk of {@code chainId} from its first entry (seq 1, prev = GENESIS). */
    public static ChainVerifier fromGenesis(String chainId) {
        return new ChainVerifier(chainId, 1, Checksums.GENESIS);
    }

    /**
     * A walk that starts after a trusted position, e.g. a seq range starting at {@code afterSeq + 1} whose
     * predecessor's stored checksum is {@code afterChecksum} (itself only as trustworthy as its source).
     */
    public static ChainVerifier after(String chainId, long afterSeq, String afterChecksum) {
        return new ChainVerifier(chainId, afterSeq + 1, afterChecksum);
    }

    /**
     * Checks the next stored entry and returns its mismatches (empty when it is sound), in the order gap,
     * broken_link, checksum_mismatch.
     */
    public List<ChainMismatch> next(ChainedEntry stored) {
        return next(stored, stored.entry().canonicalBytes());
    }

    /**
     * {@link #next(ChainedEntry)} for a caller that has the entry's canonical form already ({@code canonicalUtf8}, the
     * UTF-8 bytes of {@link AuditEntry#canonical()} of {@code stored.entry()}), e.g. for its Merkle leaf too.
     */
    public List<ChainMismatch> next(ChainedEntry stored, byte[] canonicalUtf8) {
        if (!chainId.equals(stored.chainId())) {
            throw new IllegalArgumentException("entry of chain " + stored.chainId() + " given to verifier of " + chainId);
        }
        List<ChainMismatch> found = new ArrayList<>(0);
        long seq = stored.seq();
        if (seq != expectedSeq) {
            found.add(new ChainMismatch.Gap(chainId, seq, expectedSeq));
        }
        if (!expectedPrev.equals(stored.prevChecksum())) {
            found.add(new ChainMismatch.BrokenLink(chainId, seq, expectedPrev, stored.prevChecksum()));
        }
        String computed = Checksums.compute(requireChecksumOrGenesis(stored.prevChecksum()), canonicalUtf8);
        if (!computed.equals(stored.checksum())) {
            found.add(new ChainMismatch.ChecksumMismatch(chainId, seq, stored.checksum(), computed));
        }
        expectedSeq = seq + 1;
        expectedPrev = stored.checksum();
        verified++;
        return found;
    }

    /** The whole chain in one call: every mismatch, in order. */
    public static List<ChainMismatch> verify(String chainId, Iterable<ChainedEntry> entriesInSeqOrder) {
        ChainVerifier walker = fromGenesis(chainId);
        List<ChainMismatch> all = new ArrayList<>();
        for (ChainedEntry entry : entriesInSeqOrder) {
            all.addAll(walker.next(entry));
        }
        return all;
    }

    /** seq of the last entry checked (0 before the first). */
    public long lastSeq() {
        return expectedSeq - 1;
    }

    /** Stored checksum of the last entry checked: the head to compare with a checkpoint. */
    public String headChecksum() {
        return expectedPrev;
    }

    public long verifiedCount() {
        return verified;
    }

    private static String requireChecksumOrGenesis(String prev) {
        // A stored prev that is not even a checksum cannot be hashed; the broken_link above already reports it.
        return Checksums.isChecksum(prev) ? prev : Checksums.GENESIS;
    }
}
