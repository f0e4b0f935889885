package io.pjctrl.project.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ThrottlePolicyTest {

    private final ThrottlePolicy policy = new ThrottlePolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(30));

    @Test
    void shouldWaitNothingWithinTheFreeAttempts() {
        for (int failures = 0; failures < 5; failures++) {
            assertThat(policy.backoffAfter(failures)).as("after %d failures", failures).isZero();
        }
    }

    @Test
    void shouldDoubleTheWaitAfterEachFurtherFailure() {
        assertThat(policy.backoffAfter(5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoffAfter(6)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.backoffAfter(7)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.backoffAfter(9)).isEqualTo(Duration.ofSeconds(16));
    }

    @Test
    void shouldNeverWaitLongerThanTheMaximum() {
        assertThat(policy.backoffAfter(10)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.backoffAfter(1_000)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.backoffAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
    }
}
