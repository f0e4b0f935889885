package io.pjctrl.audit.privacy;

/**
 * What one chain has in a month: seqs {@code firstSeq..lastSeq} ({@code entries} of them), the prev_checksum of the
 * first and the checksum of the last; {@code restMin} is the smallest seq of the chain outside the month (null when the
 * month holds the chain's newest entry) and {@code archivedThrough} the last seq of the chain archived before (0 when
 * none).
 */
record MonthRange(String chainId, long firstSeq, long lastSeq, long entries, String firstPrevChecksum,
        String lastChecksum, Long restMin, long archivedThrough) {

    /** Why this chain keeps the month in the log, or null when its entries may leave. */
    String blocker() {
        if (restMin == null) {
            return "chain_head";
        }
        if (restMin <= lastSeq || firstSeq != archivedThrough + 1) {
            return "not_a_prefix";
        }
        if (entries != lastSeq - firstSeq + 1) {
            return "not_contiguous";
        }
        return null;
    }
}
