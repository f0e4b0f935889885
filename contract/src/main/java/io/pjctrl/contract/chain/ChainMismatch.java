package io.pjctrl.contract.chain;

/**
 * A verification failure, carrying its evidence. {@link #kind()} is the stable name used in APIs and reports:
 * {@code checksum_mismatch}, {@code broken_link}, {@code gap}.
 */
public sealed interface ChainMismatch {

    String chainId();

    /** The seq of the stored entry where the failure shows. */
    long seq();

    String kind();

    /** One line for logs and alert messages. */
    String describe();

    /** The stored checksum differs from the one recomputed from the stored fields: the entry was altered. */
    record ChecksumMismatch(String chainId, long seq, String storedChecksum, String computedChecksum) implements ChainMismatch {

        @Override
        public String kind() {
            return "checksum_mismatch";
        }

        @Override
        public String describe() {
            return "chain " + chainId + " seq " + seq + ": stored checksum " + storedChecksum + " but fields hash to "
                    + computedChecksum;
        }
    }

    /** The entry's prev_checksum is not the checksum of the entry before it (or GENESIS at seq 1). */
    record BrokenLink(String chainId, long seq, String expectedPrevChecksum,
            String storedPrevChecksum) implements ChainMismatch {

        @Override
        public String kind() {
            return "broken_link";
        }

        @Override
        public String describe() {
            return "chain " + chainId + " seq " + seq + ": prev_checksum " + storedPrevChecksum + " but previous entry has "
                    + expectedPrevChecksum;
        }
    }

    /** seq does not follow the previous entry's seq + 1: entries are missing (or duplicated, foundSeq < expected). */
    record Gap(String chainId, long seq, long expectedSeq) implements ChainMismatch {

        @Override
        public String kind() {
            return "gap";
        }

        @Override
        public String describe() {
            return "chain " + chainId + ": expected seq " + expectedSeq + " but found " + seq;
        }
    }
}
