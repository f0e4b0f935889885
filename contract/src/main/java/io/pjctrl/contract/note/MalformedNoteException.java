package io.pjctrl.contract.note;

/** A signed note or checkpoint body that does not follow the format of docs/integrity.md. */
public class MalformedNoteException extends IllegalArgumentException {

    public MalformedNoteException(String message) {
        super(message);
    }
}
