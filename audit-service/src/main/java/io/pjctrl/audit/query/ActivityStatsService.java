package io.pjctrl.audit.query;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.pjctrl.audit.log.AuditLogFilter;
import io.pjctrl.audit.log.AuditLogRepository;
import io.pjctrl.audit.log.AuditLogRepository.BucketCount;
import io.pjctrl.audit.web.InvalidParameterException;
import io.smallrye.mutiny.Uni;

/** The activity chart's counts: entries per bucket per sensitivity level for a query filter. */
@ApplicationScoped
public class ActivityStatsService {

    private final AuditLogRepository logs;
    private final Clock clock = Clock.systemUTC();

    public ActivityStatsService(AuditLogRepository logs) {
        this.logs = logs;
    }

    /** A missing to is now, a missing from the bucket's default span before to; the range is then bucketed in zone. */
    public Uni<ActivityStats> stats(AuditLogFilter filter, ActivityBucket bucket, ZoneId zone) {
        Instant to = filter.to() != null ? filter.to() : clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant from = filter.from() != null ? filter.from() : bucket.defaultFrom(to);
        if (from.isAfter(to)) {
            throw new InvalidParameterException("from", "from must not be after to (now, when to is not given): " + from);
        }
        List<ZonedDateTime> starts = bucket.starts(from, to, zone);
        return logs.activity(filter.withRange(from, to), starts.stream().map(ZonedDateTime::toInstant).toList())
                .map(counts -> toStats(bucket, zone, from, to, starts, counts));
    }

    public static ZoneId zone(String text) {
        if (text == null || text.isBlank()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(text.trim());
        } catch (DateTimeException e) {
            throw new InvalidParameterException("tz",
                    "tz must be an IANA time zone such as Europe/Berlin, or UTC: " + text.trim());
        }
    }

    private static ActivityStats toStats(ActivityBucket bucket, ZoneId zone, Instant from, Instant to,
            List<ZonedDateTime> starts, List<BucketCount> counts) {
        long[][] levels = new long[starts.size()][4];
        long total = 0;
        for (BucketCount count : counts) {
            levels[count.bucket()][level(count.sensitivity())] += count.entries();
            total += count.entries();
        }
        List<ActivityBucketView> buckets = new ArrayList<>(starts.size());
        for (int i = 0; i < starts.size(); i++) {
            long[] n = levels[i];
            buckets.add(new ActivityBucketView(starts.get(i).toOffsetDateTime(), n[0], n[1], n[2], n[3],
                    n[0] + n[1] + n[2] + n[3]));
        }
        return new ActivityStats(bucket.label(), zone.getId(), from, to, total, buckets);
    }

    private static int level(String sensitivity) {
        return switch (sensitivity) {
            case "low" -> 0;
            case "medium" -> 1;
            case "high" -> 2;
            case "critical" -> 3;
            default -> throw new IllegalStateException("unknown sensitivity level in audit_logs: " + sensitivity);
        };
    }
}
