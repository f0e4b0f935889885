package io.pjctrl.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    @Test
    void shouldBeAVersion7UuidCarryingTheMillisecond() {
        long millis = 1_795_842_689_152L;

        UUID id = TimeOrderedIds.at(millis);

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
        assertThat(id.toString()).startsWith(String.format("%08x-%04x-7", millis >>> 16, millis & 0xFFFF));
    }

    @Test
    void shouldSortByMillisecondAsTextAndAsPostgresqlOrdersUuids() {
        // PostgreSQL compares uuids bytewise, i.e. as their lower-case text: check that order, not UUID.compareTo.
        String earlier = TimeOrderedIds.at(1_000_000_000_000L).toString();
        String later = TimeOrderedIds.at(1_000_000_000_001L).toString();

        assertThat(earlier).isLessThan(later);
    }

    @Test
    void shouldNotRepeatWithinOneMillisecond() {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(TimeOrderedIds.at(42));
        }

        assertThat(ids).hasSize(100_000);
    }
}
