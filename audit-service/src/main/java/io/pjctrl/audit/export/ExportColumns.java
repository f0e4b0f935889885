package io.pjctrl.audit.export;

import java.util.ArrayList;
import java.util.List;

import io.pjctrl.audit.log.StoredEntry;
import io.pjctrl.contract.chain.Timestamps;

/**
 * The exported fields, in file order: every hashed field (named as in the canonical form of docs/integrity.md,
 * timestamps in its canonical text) plus prev_checksum and checksum, so an export and a signed checkpoint can be
 * verified offline. The entry format and source columns come last, after the columns exports had before them; they are
 * empty (null) for entries of format 1.
 */
final class ExportColumns {

    static final List<String> NAMES = List.of("id", "event_id", "event_type", "source", "resource_type", "resource_id",
            "project_id", "user_id", "actor_role", "action", "changes", "request_metadata", "sensitivity_level",
            "aggregate_version", "occurred_at", "recorded_at", "chain_id", "seq", "prev_checksum", "checksum", "entry_format",
            "source_partition",
            "source_offset");

    /** Indexes into {@link #values} of the columns holding JSON text. */
    static final int CHANGES = 10;
    static final int REQUEST_METADATA = 11;
    /** Columns written as JSON numbers in NDJSON. */
    static final int AGGREGATE_VERSION = 13;
    static final int SEQ = 17;
    static final int ENTRY_FORMAT = 20;
    static final int SOURCE_PARTITION = 21;
    static final int SOURCE_OFFSET = 22;

    private ExportColumns() {
    }

    /**
     * The column that {@code proofs=true} appends: the entry's C2SP tlog-proof against its chain's checkpoint named
     * for the export (null when that checkpoint does not cover the entry yet).
     */
    static final String TLOG_PROOF = "tlog_proof";

    /** The field values as text (null where the column is null), in {@link #NAMES} order. */
    static List<String> values(StoredEntry e) {
        List<String> values = new ArrayList<>(NAMES.size());
        values.add(e.id().toString());
        values.add(e.eventId().toString());
        values.add(e.eventType());
        values.add(e.source());
        values.add(e.resourceType());
        values.add(e.resourceId());
        values.add(e.projectId() == null ? null : e.projectId().toString());
        values.add(e.userId() == null ? null : e.userId().toString());
        values.add(e.actorRole());
        values.add(e.action());
        values.add(e.changes());
        values.add(e.requestMetadata());
        values.add(e.sensitivityLevel());
        values.add(Long.toString(e.aggregateVersion()));
        values.add(Timestamps.format(e.occurredAt()));
        values.add(Timestamps.format(e.recordedAt()));
        values.add(e.chainId());
        values.add(Long.toString(e.seq()));
        values.add(e.prevChecksum());
        values.add(e.checksum());
        values.add(Integer.toString(e.entryFormat()));
        values.add(e.entrySource() == null ? null : Integer.toString(e.entrySource().partition()));
        values.add(e.entrySource() == null ? null : Long.toString(e.entrySource().offset()));
        return values;
    }
}
