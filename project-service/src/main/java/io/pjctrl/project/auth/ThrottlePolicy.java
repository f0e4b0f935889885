package io.pjctrl.project.auth;

import java.time.Duration;

/**
 * How one kind of key (account or client IP) is slowed down: {@code freeAttempts} failures within the window cost
 * nothing; from then on every failure makes the next attempt wait, {@code base} after the first and twice as long
 * after each further one, never longer than {@code max}.
 */
record ThrottlePolicy(int freeAttempts, Duration base, Duration max) {

    /** The wait imposed after the {@code failures}-th failure within the window. */
    Duration backoffAfter(int failures) {
        if (failures < freeAttempts) {
            return Duration.ZERO;
        }
        // 2^20 × any sane base is far beyond any sane max; the shift never overflows.
        Duration wait = base.multipliedBy(1L << Math.min(failures - freeAttempts, 20));
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
