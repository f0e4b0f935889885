package io.pjctrl.witness;

import io.pjctrl.contract.tlog.Checkpoint;
import io.pjctrl.contract.tlog.SignedNote;

/** The latest checkpoint this witness cosigned for an origin, as stored: the note with log signature(s) and ours. */
public record HeldCheckpoint(Checkpoint checkpoint, String note) {

    static HeldCheckpoint of(String note) {
        return new HeldCheckpoint(Checkpoint.parse(SignedNote.parse(note).text()), note);
    }
}
