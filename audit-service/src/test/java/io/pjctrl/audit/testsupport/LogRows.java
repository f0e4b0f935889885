package io.pjctrl.audit.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import io.pjctrl.contract.chain.AuditEntry;
import io.pjctrl.contract.chain.CanonicalJson;
import io.pjctrl.contract.chain.ChainedEntry;
import io.pjctrl.contract.chain.EntrySource;
import io.pjctrl.contract.chain.Timestamps;

/** Rows of audit_logs written by SQL, as a person or a bug with the owner's rights could (not through the ingest). */
public final class LogRows {

    private static final String INSERT = "INSERT INTO %s (id, event_id, event_type, source, resource_type, resource_id,"
            + " project_id, user_id, actor_role, action, changes, request_metadata, sensitivity_level, aggregate_version,"
            + " occurred_at, recorded_at, chain_id, seq, prev_checksum, checksum, entry_format, source_partition,"
            + " source_offset) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private LogRows() {
    }

    /**
     * An entry of format 1 (no Kafka source, like LoadedChain's: reconciliation has no record to match it with) with
     * fresh ids; {@code seq} on {@code chainId}.
     */
    public static AuditEntry entry(String chainId, long seq, Instant occurredAt, Instant recordedAt) {
        return entry(chainId, seq, occurredAt, recordedAt, UUID.randomUUID(), null);
    }

    /** The same with a given event id. */
    public static AuditEntry entry(String chainId, long seq, Instant occurredAt, Instant recordedAt, UUID eventId) {
        return entry(chainId, seq, occurredAt, recordedAt, eventId, null);
    }

    /** An entry of format 2 when {@code source} is given, else of format 1. */
    public static AuditEntry entry(String chainId, long seq, Instant occurredAt, Instant recordedAt, UUID eventId,
            EntrySource source) {
        return new AuditEntry(UUID.randomUUID(), eventId, "task.update", "/pjctrl/project-service", "task",
                "t-" + seq, null, UUID.randomUUID(), "member", "update",
                CanonicalJson.parse("{\"status\":{\"old\":\"todo\",\"new\":\"done\"}}"),
                CanonicalJson.parse("{\"ip\":\"127.0.0.1\",\"request_id\":\"r-" + seq + "\"}"), "medium", 0,
                Timestamps.truncate(occurredAt), Timestamps.truncate(recordedAt), chainId, seq, source);
    }

    /** Inserts into audit_logs. */
    public static void insert(Connection c, ChainedEntry chained) throws SQLException {
        insert(c, "audit_logs", chained);
    }

    /** Inserts into {@code table}: audit_logs, or one of its partitions by name. */
    public static void insert(Connection c, String table, ChainedEntry chained) throws SQLException {
        AuditEntry e = chained.entry();
        try (PreparedStatement s = c.prepareStatement(INSERT.formatted(table))) {
            s.setObject(1, e.id());
            s.setObject(2, e.eventId());
            s.setString(3, e.eventType());
            s.setString(4, e.source());
            s.setString(5, e.resourceType());
            s.setString(6, e.resourceId());
            s.setObject(7, e.projectId());
            s.setObject(8, e.userId());
            s.setString(9, e.actorRole());
            s.setString(10, e.action());
            s.setString(11, e.changes().text());
            s.setString(12, e.requestMetadata().text());
            s.setString(13, e.sensitivityLevel());
            s.setLong(14, e.aggregateVersion());
            s.setObject(15, e.occurredAt().atOffset(ZoneOffset.UTC));
            s.setObject(16, e.recordedAt().atOffset(ZoneOffset.UTC));
            s.setString(17, e.chainId());
            s.setLong(18, e.seq());
            s.setString(19, chained.prevChecksum());
            s.setString(20, chained.checksum());
            s.setInt(21, e.entryFormat());
            s.setObject(22, e.entrySource() == null ? null : e.entrySource().partition(), java.sql.Types.INTEGER);
            s.setObject(23, e.entrySource() == null ? null : e.entrySource().offset(), java.sql.Types.BIGINT);
            s.executeUpdate();
        }
    }
}
