package io.pjctrl.contract.chain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The one timestamp form that enters a checksum: RFC 3339, UTC, {@code Z}, exactly six fractional digits
 * ({@code 2026-11-28T09:00:00.500000Z}), i.e. PostgreSQL timestamptz precision. Finer input is truncated (not
 * rounded) to microseconds before it is stored and hashed, so the stored value re-hashes to the same bytes.
 */
public final class Timestamps {

    private static final DateTimeFormatter CANONICAL = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private static final Instant MIN = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

    private Timestamps() {
    }

    /** Truncates to microseconds, the precision of PostgreSQL timestamptz. */
    public static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** The canonical text of {@code instant}; it must already be truncated to microseconds and lie in years 0-9999. */
    public static String format(Instant instant) {
        if (instant.getNano() % 1_000 != 0) {
            throw new NotCanonicalizableException("timestamp has sub-microsecond digits: " + instant);
        }
        if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
            throw new NotCanonicalizableException("timestamp outside years 0000-9999: " + instant);
        }
        return CANONICAL.format(instant);
    }

    /** Parses any RFC 3339 UTC timestamp ({@code Z}) with 0-9 fractional digits and truncates it to microseconds. */
    public static Instant parseUtc(String text) {
        try {
            return truncate(Instant.parse(text));
        } catch (DateTimeParseException e) {
            throw new NotCanonicalizableException("not an RFC 3339 UTC timestamp: " + text, e);
        }
    }
}
