package io.pjctrl.contract.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.pjctrl.contract.tlog.VerifierKey;

class TrustPolicyTest {

    final ExportFixture fixture = new ExportFixture();
    final VerifierKey key = VerifierKey.parse(fixture.log.verifierKey().encoded());
    final Instant from = Instant.parse("2026-11-01T00:00:00Z");
    final Instant until = Instant.parse("2026-11-30T00:00:00Z");

    @Test
    void shouldAcceptTimesInTheWindowWithOneMinuteOfSlackBothEndsInclusive() {
        TrustPolicy.LogKey window = new TrustPolicy.LogKey(key, from, until);

        assertThat(window.covers(from.minusSeconds(60))).isTrue();
        assertThat(window.covers(until.plusSeconds(60))).isTrue();
        assertThat(window.covers(from.minusSeconds(60).minusNanos(1_000))).isFalse();
        assertThat(window.covers(until.plusSeconds(60).plusNanos(1_000))).isFalse();
        assertThat(new TrustPolicy.LogKey(key, from, null).covers(Instant.parse("9999-01-01T00:00:00Z"))).isTrue();
    }

    @Test
    void shouldRefuseAWitnessKeyAsLogKeyAndAQuorumAboveTheWitnesses() {
        assertThatThrownBy(() -> new TrustPolicy.LogKey(fixture.witness, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TrustPolicy("pjctrl-audit", List.of(), List.of(fixture.witness), 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TrustPolicy.LogKey(key, until, from)).isInstanceOf(IllegalArgumentException.class);
    }
}
