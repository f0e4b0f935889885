package io.pjctrl.audit.history;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

/** One change of a resource: who, when, and the field diffs. */
@Schema(name = "HistoryEntry")
public record HistoryEntryView(
        UUID id,
        @Schema(examples = "task.update") String eventType,
        @Schema(examples = "update") String action,
        Instant occurredAt,
        Instant recordedAt,
        @Schema(description = "The actor") UUID userId,
        @Schema(examples = "manager") String actorRole,
        long aggregateVersion,
        String chainId,
        long seq,
        @Schema(description = "Field diffs {field: {old, new}}", examples = "{\"status\":{\"old\":\"todo\",\"new\":\"done\"}}") JsonNode changes) {
}
