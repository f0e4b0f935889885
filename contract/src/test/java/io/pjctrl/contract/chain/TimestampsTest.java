package io.pjctrl.contract.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Random;

import org.junit.jupiter.api.Test;

class TimestampsTest {

    @Test
    void shouldAlwaysWriteSixFractionalDigits() {
        assertThat(Timestamps.format(Instant.parse("2026-11-28T09:20:11.5Z"))).isEqualTo("2026-11-28T09:20:11.500000Z");
        assertThat(Timestamps.format(Instant.parse("2026-11-28T09:20:11Z"))).isEqualTo("2026-11-28T09:20:11.000000Z");
    }

    @Test
    void shouldTruncateNanosecondsInsteadOfRounding() {
        assertThat(Timestamps.parseUtc("2026-11-28T09:20:11.123456999Z"))
                .isEqualTo(Instant.parse("2026-11-28T09:20:11.123456Z"));
    }

    @Test
    void shouldRefuseToFormatSubMicrosecondInstants() {
        assertThatThrownBy(() -> Timestamps.format(Instant.parse("2026-11-28T09:20:11.123456789Z")))
                .isInstanceOf(NotCanonicalizableException.class);
    }

    @Test
    void shouldWriteYearsAsFourDigitsOfTheProlepticCalendarAndRefuseOthers() {
        // Year 0000 is 1 BC (ISO 8601 astronomical numbering); PostgreSQL prints the same instant as 0001 ... BC.
        assertThat(Timestamps.format(Instant.parse("0000-01-01T00:00:00Z"))).isEqualTo("0000-01-01T00:00:00.000000Z");
        assertThat(Timestamps.format(Instant.parse("9999-12-31T23:59:59.999999Z")))
                .isEqualTo("9999-12-31T23:59:59.999999Z");
        assertThatThrownBy(() -> Timestamps.format(Instant.parse("-0001-12-31T23:59:59.999999Z")))
                .isInstanceOf(NotCanonicalizableException.class);
        assertThatThrownBy(() -> Timestamps.format(Instant.parse("+10000-01-01T00:00:00Z")))
                .isInstanceOf(NotCanonicalizableException.class);
    }

    @Test
    void shouldWriteWhatTheFormatterWritesOverTheWholeRange() {
        Random random = new Random(3339);
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            long second = min + Math.floorMod(random.nextLong(), max - min + 1);
            Instant instant = Instant.ofEpochSecond(second, random.nextInt(1_000_000) * 1_000L);

            assertThat(Timestamps.format(instant)).isEqualTo(Timestamps.formatWithFormatter(instant));
        }
        for (String edge : new String[]{"1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999Z", "2000-02-29T12:00:00Z",
                "1900-03-01T00:00:00.000001Z", "0000-02-29T23:59:59Z", "2026-12-31T23:59:59.999999Z"}) {
            Instant instant = Instant.parse(edge);
            assertThat(Timestamps.format(instant)).isEqualTo(Timestamps.formatWithFormatter(instant));
        }
    }
}
