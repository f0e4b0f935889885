package io.pjctrl.audit.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import io.pjctrl.audit.verify.SourceTopics.Range;
import io.pjctrl.audit.verify.SourceTopics.RecordCursor;
import io.pjctrl.audit.verify.SourceTopics.SourceRecord;
import io.pjctrl.contract.chain.EntrySource;

/**
 * Reconciliation of one chain with its partition, fed the chain's entries in seq order while it pulls the
 * partition's records in offset order (the ingest stores a partition's records in offset order, so both orders
 * agree): every entry of format 2 whose source offset lies in the comparable range must be the record at that offset
 * (same event id), else {@code not_in_source}; every record of the range that no entry claims and that was not
 * dead-lettered is a candidate for {@code missing_from_log}, which the caller settles by looking its event id up
 * (a duplicate delivery of an event stored from an earlier record is fine).
 */
final class ReconcileWalk {

    /** A record no entry claims: missing unless its event is stored from another record. */
    record Unclaimed(long offset, String eventId) {
    }

    static final int MAX_UNCLAIMED = 10_000;

    private final String chainId;
    private final Range range;
    private final RecordCursor records;
    private final Set<String> deadLetters;
    private final Consumer<VerifyFailure> failures;
    private final List<Unclaimed> unclaimed = new ArrayList<>();
    private long unclaimedCount;
    private long matched;
    private long deadLettered;
    private long lastClaimed = -1;
    private long lastClaimedSeq;
    private boolean sourced;
    private String problem;

    ReconcileWalk(String chainId, Range range, RecordCursor records, Set<String> deadLetters,
            Consumer<VerifyFailure> failures) {
        this.chainId = chainId;
        this.range = range;
        this.records = records;
        this.deadLetters = deadLetters;
        this.failures = failures;
    }

    void add(long seq, UUID entryId, UUID eventId, EntrySource source) {
        if (problem != null) {
            return;
        }
        try {
            claim(seq, entryId, eventId, source);
        } catch (RuntimeException e) {
            problem = "reading partition " + range.partition() + " failed: " + e.getMessage();
        }
    }

    private void claim(long seq, UUID entryId, UUID eventId, EntrySource source) {
        if (source == null) {
            if (sourced) {
                notInSource(seq, entryId, eventId, null, null, "records no source, but it follows entries that do"
                        + " (every entry stored since then records its Kafka record)");
            }
            return;
        }
        sourced = true;
        if (source.partition() != range.partition()) {
            notInSource(seq, entryId, eventId, null, source, "claims partition " + source.partition()
                    + ", but chain " + chainId + " is partition " + range.partition());
            return;
        }
        long offset = source.offset();
        if (offset < range.earliest()) {
            return;
        }
        if (offset >= range.until()) {
            // Not comparable yet: the ingest may not have committed it (or stored it after the range was read).
            return;
        }
        if (offset <= lastClaimed) {
            notInSource(seq, entryId, eventId, null, source, "claims offset " + offset + ", at or before offset "
                    + lastClaimed + " of seq " + lastClaimedSeq + " (entries follow their records' order)");
            return;
        }
        skipTo(offset);
        SourceRecord record = records.peek();
        if (record == null || record.offset() != offset) {
            lastClaimed = offset;
            lastClaimedSeq = seq;
            notInSource(seq, entryId, eventId, null, source, "claims offset " + offset
                    + ", where the partition holds no record");
            return;
        }
        if (!eventId.toString().equals(record.eventId())) {
            // Left for a later entry to claim (a forged entry claiming the next record's offset, then the real one).
            notInSource(seq, entryId, eventId, record.eventId(), source, "claims offset " + offset
                    + ", whose record carries event " + record.eventId() + ", not " + eventId);
            return;
        }
        records.next();
        lastClaimed = offset;
        lastClaimedSeq = seq;
        matched++;
    }

    /** Call after the last entry: the records after the last claimed one are unclaimed too. */
    void finish() {
        if (problem != null) {
            return;
        }
        try {
            skipTo(range.until());
        } catch (RuntimeException e) {
            problem = "reading partition " + range.partition() + " failed: " + e.getMessage();
        }
    }

    /** Why the partition could not be read to the end; null when it was. */
    String problem() {
        return problem;
    }

    Range range() {
        return range;
    }

    List<Unclaimed> unclaimed() {
        return unclaimed;
    }

    long unclaimedCount() {
        return unclaimedCount;
    }

    long matched() {
        return matched;
    }

    long deadLettered() {
        return deadLettered;
    }

    private void skipTo(long offset) {
        for (SourceRecord record = records.peek(); record != null && record.offset() < offset; record = records.peek()) {
            records.next();
            unclaimed(record);
        }
    }

    private void unclaimed(SourceRecord record) {
        if (deadLetters.contains(range.partition() + "/" + record.offset())) {
            deadLettered++;
            return;
        }
        unclaimedCount++;
        if (unclaimed.size() < MAX_UNCLAIMED) {
            unclaimed.add(new Unclaimed(record.offset(), record.eventId()));
        }
    }

    private void notInSource(long seq, UUID entryId, UUID eventId, String recordEventId, EntrySource source,
            String why) {
        failures.accept(new VerifyFailure(chainId, seq, entryId, "not_in_source", recordEventId,
                eventId.toString(), "chain " + chainId + " seq " + seq + " (event " + eventId + ") " + why, null, null,
                eventId, null, null, source == null ? null : source.partition(),
                source == null ? null : source.offset()));
    }
}
