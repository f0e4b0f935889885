package io.pjctrl.contract.note;

/** The outcome of verifying a signed checkpoint note: either verified (with the key that signed) or a typed failure. */
public sealed interface NoteVerification {

    /** The body parsed and at least one signature line verified with a known key. */
    record Verified(Checkpoint checkpoint, String keyId) implements NoteVerification {
    }

    /** Why the note is not trusted; {@link Reason#code()} is the stable name for APIs. */
    record Failed(Reason reason, String detail) implements NoteVerification {
    }

    enum Reason {

        /** Not a signed note, or the body is not a checkpoint of our format. */
        MALFORMED("malformed"),
        /** No signature line names a known key (name and key hash). */
        UNKNOWN_KEY("unknown_key"),
        /** A signature line of a known key does not verify: the body or the signature was altered. */
        BAD_SIGNATURE("bad_signature");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }
}
