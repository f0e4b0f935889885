package io.pjctrl.audit.checkpoint;

import java.time.Duration;
import java.time.Instant;

import io.pjctrl.contract.note.VerifierKey;

/** A row of audit_signing_keys: a verifier key and the window in which it may have signed. */
public record PublishedKey(VerifierKey key, Instant validFrom, Instant validUntil) {

    /**
     * Tolerance at both ends of the window: valid_from is written by the replica that registered the key, the note's
     * time by whichever replica signed, and the first checkpoint after a start can be stamped a few milliseconds
     * before the registration. It widens a window by one minute, far below any rotation period.
     */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    public boolean validAt(Instant time) {
        return !time.isBefore(validFrom.minus(CLOCK_SKEW))
                && (validUntil == null || !time.isAfter(validUntil.plus(CLOCK_SKEW)));
    }
}
