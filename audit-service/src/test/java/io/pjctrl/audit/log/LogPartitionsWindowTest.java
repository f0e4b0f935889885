package io.pjctrl.audit.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which months the ingest stores and keeps created, on a fixed clock (mid-December 2026, 3 ahead, 12 behind). */
class LogPartitionsWindowTest {

    private final LogPartitions partitions = new LogPartitions(null,
            Clock.fixed(Instant.parse("2026-12-15T10:00:00Z"), ZoneOffset.UTC), 3, 12);

    @ParameterizedTest(name = "{0} stored: {1}")
    @CsvSource({
            "2025-11-30T23:59:59.999999Z, false",
            "2025-12-01T00:00:00Z, true",
            "2026-12-15T09:00:00Z, true",
            "2027-03-31T23:59:59.999999Z, true",
            "2027-04-01T00:00:00Z, false",
            "2001-02-03T04:05:06Z, false"})
    void shouldStoreTheMonthsFromTwelveBeforeToThreeAfterTheCurrentOne(String occurredAt, boolean stored) {
        assertThat(partitions.stores(Instant.parse(occurredAt))).isEqualTo(stored);
    }

    @Test
    void shouldKeepTheCurrentMonthAndThreeMoreCreated() {
        assertThat(partitions.ahead()).containsExactly(YearMonth.of(2026, 12), YearMonth.of(2027, 1), YearMonth.of(2027, 2),
                YearMonth.of(2027, 3));
        assertThat(partitions.storedMonths()).isEqualTo("2025-12 to 2027-03");
    }

    @Test
    void shouldPutAnInstantInItsUtcMonth() {
        assertThat(LogPartitions.month(Instant.parse("2026-11-30T23:30:00Z"))).isEqualTo(YearMonth.of(2026, 11));
        assertThat(LogPartitions.month(Instant.parse("2026-12-01T00:00:00Z"))).isEqualTo(YearMonth.of(2026, 12));
    }

    @Test
    void shouldStoreNoEventOfAMonthRetentionArchivedNorOfAnEarlierOne() {
        LogPartitions archived = new LogPartitions(null, Clock.fixed(Instant.parse("2026-12-15T10:00:00Z"),
                ZoneOffset.UTC), 3, 12);
        archived.archivedThrough(YearMonth.of(2026, 2));
        archived.archivedThrough(YearMonth.of(2026, 1)); // an older month never moves it back
        assertThat(archived.archived(Instant.parse("2026-02-28T23:59:59Z"))).isTrue();
        assertThat(archived.archived(Instant.parse("2025-12-05T00:00:00Z"))).isTrue();
        assertThat(archived.within(Instant.parse("2025-12-05T00:00:00Z"))).isTrue();
        assertThat(archived.stores(Instant.parse("2025-12-05T00:00:00Z"))).isFalse();
        assertThat(archived.stores(Instant.parse("2026-03-01T00:00:00Z"))).isTrue();
        assertThat(archived.storedMonths()).isEqualTo("2026-03 to 2027-03; archived through 2026-02");
        assertThat(partitions.archived(Instant.parse("2001-02-03T04:05:06Z"))).as("nothing archived").isFalse();
    }
}
