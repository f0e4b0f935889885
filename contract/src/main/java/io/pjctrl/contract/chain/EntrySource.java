package io.pjctrl.contract.chain;

/**
 * The Kafka record an entry was stored from: its partition (the partition of the chain) and offset. Entries of
 * format 2 hash it with the rest of the entry, so reconciliation can find, for every entry, the record it claims to
 * come from.
 */
public record EntrySource(int partition, long offset) {

    public EntrySource {
        if (partition < 0) {
            throw new IllegalArgumentException("source partition must be >= 0: " + partition);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("source offset must be >= 0: " + offset);
        }
    }
}
