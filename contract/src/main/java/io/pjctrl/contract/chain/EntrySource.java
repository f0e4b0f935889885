package io.pjctrl.contract.chain;

/**
 * The Kafka record an entry of format 2 came from: its partition and offset. Entry format 1 (stored before the
 * source was recorded) has none. Both enter the canonical form as {@code source_partition} and
 * {@code source_offset}.
 */
public record EntrySource(int partition, long offset) {

    public EntrySource {
        if (partition < 0 || offset < 0) {
            throw new IllegalArgumentException("source partition and offset must be >= 0: " + partition + "/" + offset);
        }
    }
}
