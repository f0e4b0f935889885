package io.pjctrl.contract.chain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import io.pjctrl.contract.tlog.Rfc6962;

/**
 * Every hashed field of one audit log entry: every column of {@code audit_logs} except {@code created_at} (a copy of
 * recorded_at), {@code checksum} (the result) and {@code prev_checksum} (the hash prefix, see {@link Checksums}).
 * Field names in the canonical form are the column names; docs/integrity.md is the normative description. Entry
 * format 2 ({@link #entrySource()} present) adds {@code source_partition} and {@code source_offset}, the Kafka record
 * the entry was stored from; {@code entry_format} itself is not hashed (it is 2 exactly when those two are present).
 *
 * <p>
 * Timestamps must already be truncated to microseconds ({@link Timestamps#truncate}); {@code changes} and
 * {@code requestMetadata} are JSON objects. Nullable: resourceId, projectId, userId, actorRole.
 */
public record AuditEntry(
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
        CanonicalJson changes,
        CanonicalJson requestMetadata,
        String sensitivityLevel,
        long aggregateVersion,
        Instant occurredAt,
        Instant recordedAt,
        String chainId,
        long seq,
        EntrySource entrySource) {

    public AuditEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(eventId, "event_id");
        Objects.requireNonNull(eventType, "event_type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(resourceType, "resource_type");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(changes, "changes");
        Objects.requireNonNull(requestMetadata, "request_metadata");
        Objects.requireNonNull(sensitivityLevel, "sensitivity_level");
        Objects.requireNonNull(occurredAt, "occurred_at");
        Objects.requireNonNull(recordedAt, "recorded_at");
        Objects.requireNonNull(chainId, "chain_id");
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be >= 1: " + seq);
        }
    }

    /** An entry of format 1, stored before entries recorded their Kafka record (no {@link #entrySource()}). */
    public AuditEntry(UUID id, UUID eventId, String eventType, String source, String resourceType, String resourceId,
            UUID projectId, UUID userId, String actorRole, String action, CanonicalJson changes,
            CanonicalJson requestMetadata, String sensitivityLevel, long aggregateVersion, Instant occurredAt,
            Instant recordedAt, String chainId, long seq) {
        this(id, eventId, eventType, source, resourceType, resourceId, projectId, userId, actorRole, action, changes,
                requestMetadata, sensitivityLevel, aggregateVersion, occurredAt, recordedAt, chainId, seq, null);
    }

    /** 1 without an entry source (entries stored before it was recorded), 2 with one. */
    public int entryFormat() {
        return entrySource == null ? 1 : 2;
    }

    /** The leaf data of this entry in its chain's Merkle tree: the 32 raw bytes of SHA-256 of {@link #canonical()}. */
    public byte[] leafData() {
        return Rfc6962.leafData(canonical());
    }

    /** The same entry at another chain position (ingest assigns the position last). */
    public AuditEntry at(String chainId, long seq) {
        return new AuditEntry(id, eventId, eventType, source, resourceType, resourceId, projectId, userId, actorRole,
                action, changes, requestMetadata, sensitivityLevel, aggregateVersion, occurredAt, recordedAt, chainId, seq,
                entrySource);
    }

    /**
     * The RFC 8785 canonical JSON object of this entry. Properties are written in their JCS order (sorted by UTF-16
     * code units), which {@code AuditEntryTest} checks against the generic canonicalizer.
     */
    public String canonical() {
        StringBuilder out = new StringBuilder(256 + changes.text().length() + requestMetadata.text().length());
        out.append("{\"action\":");
        Jcs.writeString(action, out);
        out.append(",\"actor_role\":");
        stringOrNull(actorRole, out);
        out.append(",\"aggregate_version\":").append(Jcs.serializeNumber(aggregateVersion));
        out.append(",\"chain_id\":");
        Jcs.writeString(chainId, out);
        out.append(",\"changes\":").append(changes.text());
        out.append(",\"event_id\":\"").append(eventId).append('"');
        out.append(",\"event_type\":");
        Jcs.writeString(eventType, out);
        out.append(",\"id\":\"").append(id).append('"');
        out.append(",\"occurred_at\":\"").append(Timestamps.format(occurredAt)).append('"');
        out.append(",\"project_id\":");
        stringOrNull(projectId == null ? null : projectId.toString(), out);
        out.append(",\"recorded_at\":\"").append(Timestamps.format(recordedAt)).append('"');
        out.append(",\"request_metadata\":").append(requestMetadata.text());
        out.append(",\"resource_id\":");
        stringOrNull(resourceId, out);
        out.append(",\"resource_type\":");
        Jcs.writeString(resourceType, out);
        out.append(",\"sensitivity_level\":");
        Jcs.writeString(sensitivityLevel, out);
        out.append(",\"seq\":").append(Jcs.serializeNumber(seq));
        out.append(",\"source\":");
        Jcs.writeString(source, out);
        if (entrySource != null) {
            out.append(",\"source_offset\":").append(Jcs.serializeNumber(entrySource.offset()));
            out.append(",\"source_partition\":").append(Jcs.serializeNumber(entrySource.partition()));
        }
        out.append(",\"user_id\":");
        stringOrNull(userId == null ? null : userId.toString(), out);
        return out.append('}').toString();
    }

    /** UTF-8 bytes of {@link #canonical()}: the second part of the hash input. */
    public byte[] canonicalBytes() {
        return canonical().getBytes(StandardCharsets.UTF_8);
    }

    private static void stringOrNull(String value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else {
            Jcs.writeString(value, out);
        }
    }
}
