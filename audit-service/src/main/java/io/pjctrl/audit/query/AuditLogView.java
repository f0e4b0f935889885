package io.pjctrl.audit.query;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pjctrl.audit.log.StoredEntry;

/** One audit log entry as the API shows it, with its chain position and checksums. */
@Schema(name = "AuditLogEntry")
public record AuditLogView(
        UUID id,
        UUID eventId,
        @Schema(examples = "task.update") String eventType,
        @Schema(examples = "/pjctrl/project-service") String source,
        @Schema(examples = "task") String resourceType,
        @Schema(examples = "5d2f6c1e-8f1a-4c1e-9a43-0c6d1f2b7e10") String resourceId,
        UUID projectId,
        @Schema(description = "The actor (JWT sub of the user who made the change)") UUID userId,
        @Schema(examples = "manager") String actorRole,
        @Schema(examples = "update") String action,
        @Schema(description = "Field diffs {field: {old, new}}", examples = "{\"status\":{\"old\":\"todo\",\"new\":\"done\"}}") JsonNode changes,
        @Schema(description = "{ip, user_agent, request_id, trace_id}") JsonNode requestMetadata,
        @Schema(examples = "medium") String sensitivityLevel,
        long aggregateVersion,
        Instant occurredAt,
        Instant recordedAt,
        @Schema(examples = "events-0") String chainId,
        long seq,
        @Schema(examples = "9f2c0b1d4c3e5a6f7081920a1b2c3d4e5f60718293a4b5c6d7e8f9012345678a") String prevChecksum,
        @Schema(examples = "3b7d1e0f2a4c6e8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708") String checksum,
        @Schema(description = "1: stored before entries recorded their Kafka record; 2: source_partition and source_offset are hashed with the entry", examples = "2") int entryFormat,
        @Schema(description = "The Kafka partition the entry was stored from (null for entry format 1)", examples = "0") Integer sourcePartition,
        @Schema(description = "The Kafka offset of that record (null for entry format 1)", examples = "1234") Long sourceOffset) {

    static AuditLogView of(StoredEntry e, ObjectMapper json) {
        return new AuditLogView(e.id(), e.eventId(), e.eventType(), e.source(), e.resourceType(), e.resourceId(),
                e.projectId(), e.userId(), e.actorRole(), e.action(), tree(json, e.changes()),
                tree(json, e.requestMetadata()), e.sensitivityLevel(), e.aggregateVersion(), e.occurredAt(),
                e.recordedAt(), e.chainId(), e.seq(), e.prevChecksum(), e.checksum(), e.entryFormat(),
                e.entrySource() == null ? null : e.entrySource().partition(),
                e.entrySource() == null ? null : e.entrySource().offset());
    }

    static JsonNode tree(ObjectMapper json, String text) {
        try {
            return json.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("PostgreSQL returned invalid JSON from a jsonb column", e);
        }
    }
}
