package io.pjctrl.contract.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChainIdsTest {

    @Test
    void shouldNameAChainAfterItsPartition() {
        assertThat(ChainIds.of(ChainIds.DEFAULT_PREFIX, 0)).isEqualTo("events-0");
        assertThat(ChainIds.of("replay", 11)).isEqualTo("replay-11");
    }

    @Test
    void shouldRefuseANegativePartition() {
        assertThatThrownBy(() -> ChainIds.of("events", -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
