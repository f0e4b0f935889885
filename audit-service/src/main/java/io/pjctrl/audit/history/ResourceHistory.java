package io.pjctrl.audit.history;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A resource's timeline (oldest first) and, with {@code as_of}, its state reconstructed by folding every change up to
 * that instant.
 */
@Schema(name = "ResourceHistory")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourceHistory(
        @Schema(examples = "task") String resourceType,
        String resourceId,
        @Schema(description = "Only with ?as_of") Instant asOf,
        @Schema(description = "Changes up to as_of (all without it), oldest first; at most history-max-entries, the newest kept") List<HistoryEntryView> items,
        @Schema(description = "True when older entries were left out of items (they are still folded into state)") boolean truncated,
        @Schema(description = "Only with ?as_of") ResourceState state) {
}
