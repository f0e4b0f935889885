package io.pjctrl.audit.query;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.pjctrl.audit.web.InvalidParameterException;

/**
 * The width of one bar of the activity chart. Bucket starts are computed here, in the requested zone, and handed to
 * the database as thresholds ({@code width_bucket}), so a day of 23 or 25 hours (a DST change) or a zone offset of
 * half an hour is bucketed exactly as it is labelled.
 */
public enum ActivityBucket {

    HOUR(ChronoUnit.HOURS, 7 * 24), DAY(ChronoUnit.DAYS, 30 * 24);

    /** At most this many buckets per answer: a month by the hour, two years by the day. */
    public static final int MAX_BUCKETS = 744;

    private final ChronoUnit unit;
    /** The range when the request gives no from: the last this many hours before to. */
    private final long defaultHours;

    ActivityBucket(ChronoUnit unit, long defaultHours) {
        this.unit = unit;
        this.defaultHours = defaultHours;
    }

    public static ActivityBucket parse(String text) {
        if (text == null || text.isBlank()) {
            return DAY;
        }
        return switch (text.trim()) {
            case "hour" -> HOUR;
            case "day" -> DAY;
            default -> throw new InvalidParameterException("bucket", "bucket must be hour or day: " + text.trim());
        };
    }

    public String label() {
        return name().toLowerCase();
    }

    Instant defaultFrom(Instant to) {
        return to.minus(defaultHours, ChronoUnit.HOURS);
    }

    /**
     * The starts of the buckets that cover {@code from..to} in {@code zone}, oldest first; refused (400) when there would
     * be more than {@link #MAX_BUCKETS}.
     */
    List<ZonedDateTime> starts(Instant from, Instant to, ZoneId zone) {
        List<ZonedDateTime> starts = new ArrayList<>();
        ZonedDateTime start = from.atZone(zone).truncatedTo(unit);
        while (!start.toInstant().isAfter(to)) {
            if (starts.size() == MAX_BUCKETS) {
                throw new InvalidParameterException("bucket", "from " + from + " to " + to + " spans more than "
                        + MAX_BUCKETS + " " + label() + " buckets: narrow from/to"
                        + (this == HOUR ? " or use bucket=day" : ""));
            }
            starts.add(start);
            start = next(start);
        }
        return starts;
    }

    private ZonedDateTime next(ZonedDateTime start) {
        // plus(1 day) keeps the local time across a DST change; a day's start may not exist locally (a midnight gap),
        // so truncating again gives the zone's own start of that day.
        return this == HOUR ? start.plusHours(1) : start.plusDays(1).truncatedTo(ChronoUnit.DAYS);
    }
}
