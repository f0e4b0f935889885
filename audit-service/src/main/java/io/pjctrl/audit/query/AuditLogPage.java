package io.pjctrl.audit.query;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One page of entries, newest first; {@code next_cursor} is null on the last page. */
@Schema(name = "AuditLogPage")
public record AuditLogPage(
        List<AuditLogView> items,
        @Schema(description = "Opaque cursor for the next (older) page; null on the last page", nullable = true) String nextCursor,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "Number of entries matching the filters; only with include_total=true", nullable = true) Long total) {
}
