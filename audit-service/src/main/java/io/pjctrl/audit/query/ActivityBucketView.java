package io.pjctrl.audit.query;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One bucket: [start, next bucket's start), its start with the offset of the requested zone. */
@Schema(name = "AuditLogStatsBucket")
public record ActivityBucketView(
        @Schema(examples = "2026-11-28T09:00:00Z") OffsetDateTime start,
        long low,
        long medium,
        long high,
        long critical,
        long total) {
}
