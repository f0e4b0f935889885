package io.pjctrl.contract.chain;

import java.time.Instant;
import java.time.LocalDate;
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
        return formatDigits(instant);
    }

    /**
     * {@link #CANONICAL}'s output written digit by digit (the formatter was a visible share of verify's and the
     * ingest's time; {@code TimestampsTest} checks both agree).
     */
    private static String formatDigits(Instant instant) {
        long seconds = instant.getEpochSecond();
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        char[] out = new char[27];
        digits(out, 0, date.getYear(), 4);
        out[4] = '-';
        digits(out, 5, date.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, date.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, secondOfDay / 3600, 2);
        out[13] = ':';
        digits(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        digits(out, 17, secondOfDay % 60, 2);
        out[19] = '.';
        digits(out, 20, instant.getNano() / 1_000, 6);
        out[26] = 'Z';
        return new String(out);
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The formatter {@link #format} agrees with, for the test. */
    static String formatWithFormatter(Instant instant) {
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
