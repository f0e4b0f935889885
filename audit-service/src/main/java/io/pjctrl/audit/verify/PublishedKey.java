package io.pjctrl.audit.verify;

import java.time.Instant;

import io.pjctrl.audit.checkpoint.VerifierKey;

/** A row of audit_signing_keys: a verifier key and the window in which it may have signed. */
record PublishedKey(VerifierKey key, Instant validFrom, Instant validUntil) {

    boolean validAt(Instant time) {
        return !time.isBefore(validFrom) && (validUntil == null || !time.isAfter(validUntil));
    }
}
