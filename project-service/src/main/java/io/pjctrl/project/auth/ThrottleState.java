package io.pjctrl.project.auth;

import java.time.Instant;

/** One account's or one client IP's recent attempts, as stored in {@code login_throttle}. */
record ThrottleState(String key, int failures, Instant lastAttemptAt, Instant blockedUntil) {

    boolean blockedAt(Instant now) {
        return blockedUntil != null && blockedUntil.isAfter(now);
    }
}
