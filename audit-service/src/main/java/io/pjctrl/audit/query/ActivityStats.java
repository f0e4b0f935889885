package io.pjctrl.audit.query;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Matching entries per time bucket and sensitivity level, every bucket of the range listed (zeros included). */
@Schema(name = "AuditLogStats")
public record ActivityStats(
        @Schema(examples = "hour") String bucket,
        @Schema(description = "The zone whose hours or days the buckets are (the tz parameter, UTC by default)", examples = "UTC") String timeZone,
        @Schema(description = "The range counted: the from parameter, or its default") Instant from,
        @Schema(description = "The range counted: the to parameter, or its default (now)") Instant to,
        @Schema(description = "All entries counted") long total,
        List<ActivityBucketView> buckets) {
}
