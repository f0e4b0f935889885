package io.pjctrl.contract.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

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
}
