package io.pjctrl.audit.verify;

import io.pjctrl.contract.tlog.Checkpoint;
import io.pjctrl.contract.tlog.SignedNote;

/**
 * A signed checkpoint held outside the database: on the checkpoints topic, by a witness, or by an auditor who sent
 * it with the request. {@code source} names where it came from in reports ({@code topic},
 * {@code witness <url>}, {@code held_checkpoints[i]}). Parsed, not yet trusted.
 */
record HeldNote(String source, SignedNote note, Checkpoint checkpoint) {

    long size() {
        return checkpoint.size();
    }

    String origin() {
        return checkpoint.origin();
    }
}
