package io.pjctrl.audit.log;

import java.time.Instant;
import java.util.UUID;

import io.pjctrl.contract.chain.AuditEntry;
import io.pjctrl.contract.chain.CanonicalJson;
import io.pjctrl.contract.chain.ChainedEntry;
import io.pjctrl.contract.chain.EntrySource;
import io.vertx.mutiny.sqlclient.Row;

/**
 * One audit_logs row as read by query, export, history and verify: every hashed column, the JSON columns as the text
 * PostgreSQL returns, plus prev_checksum and checksum. {@code entrySource} is null for entries of format 1. Internal: REST payloads are {@link AuditLogView}.
 */
public record StoredEntry(
        UUID id,
        UUID eventId,
        String eventType,
        String source,
        String resourceType,
        String resourceId,
        UUID projectId,
        UUID userId,
        String actorRole,
        String action,
        String changes,
        String requestMetadata,
        String sensitivityLevel,
        long aggregateVersion,
        Instant occurredAt,
        Instant recordedAt,
        String chainId,
        long seq,
        EntrySource entrySource,
        String prevChecksum,
        String checksum) {

    /** The select list that {@link #from(Row)} reads, by position: it must come first in the select list. */
    public static final String COLUMNS = "id, event_id, event_type, source, resource_type, resource_id, project_id, user_id,"
            + " actor_role, action, changes::text AS changes, request_metadata::text AS request_metadata,"
            + " sensitivity_level, aggregate_version, occurred_at, recorded_at, chain_id, seq, source_partition, source_offset, prev_checksum, checksum";

    /**
     * Reads a row selected with {@link #COLUMNS} first, by position: by name, each of the 22 columns is a search of
     * the row's column names, for every row of a verify or export walk.
     */
    public static StoredEntry from(Row row) {
        return new StoredEntry(
                row.getUUID(0),
                row.getUUID(1),
                row.getString(2),
                row.getString(3),
                row.getString(4),
                row.getString(5),
                row.getUUID(6),
                row.getUUID(7),
                row.getString(8),
                row.getString(9),
                row.getString(10),
                row.getString(11),
                row.getString(12),
                row.getLong(13),
                row.getOffsetDateTime(14).toInstant(),
                row.getOffsetDateTime(15).toInstant(),
                row.getString(16),
                row.getLong(17),
                entrySource(row),
                row.getString(20),
                row.getString(21));
    }

    /** The entry as the chain package hashes it (JSON columns re-canonicalized from PostgreSQL's jsonb text). */
    public ChainedEntry toChained() {
        AuditEntry entry = new AuditEntry(id, eventId, eventType, source, resourceType, resourceId, projectId, userId,
                actorRole, action, CanonicalJson.parse(changes), CanonicalJson.parse(requestMetadata), sensitivityLevel,
                aggregateVersion, occurredAt, recordedAt, chainId, seq, entrySource);
        return new ChainedEntry(entry, prevChecksum, checksum);
    }

    /** The same entry with other JSON texts for changes and request_metadata (personal values shown or opened). */
    public StoredEntry withJson(String changes, String requestMetadata) {
        return new StoredEntry(id, eventId, eventType, source, resourceType, resourceId, projectId, userId, actorRole,
                action, changes, requestMetadata, sensitivityLevel, aggregateVersion, occurredAt, recordedAt, chainId, seq,
                entrySource, prevChecksum, checksum);
    }

    /** 1 for entries stored before entries recorded their Kafka record, 2 after. */
    public int entryFormat() {
        return entrySource == null ? 1 : 2;
    }

    private static EntrySource entrySource(Row row) {
        Integer partition = row.getInteger(18);
        return partition == null ? null : new EntrySource(partition, row.getLong(19));
    }
}
