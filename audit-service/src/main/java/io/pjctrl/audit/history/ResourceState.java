package io.pjctrl.audit.history;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the resource looked like at {@code as_of}, according to the audit log. */
@Schema(name = "ResourceState")
public record ResourceState(
        @Schema(description = "False when as_of is before the resource's first event") boolean exists,
        @Schema(description = "Soft-deleted at as_of (a delete not yet followed by a restore)") boolean deleted,
        @Schema(description = "aggregate_version of the last change folded in") long version,
        @Schema(description = "Field values: the latest new value of every field changed up to as_of", examples = "{\"title\":\"Ship v2\",\"status\":\"done\"}") Map<String, Object> fields,
        UUID lastEntryId,
        Instant lastChangedAt) {
}
