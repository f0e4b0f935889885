package io.pjctrl.audit.checkpoint;

import io.pjctrl.contract.tlog.NoteSignature;

/**
 * What one witness answered to one checkpoint: a verified cosignature, or why there is none.
 *
 * @param status the HTTP status of the last answer (0 when the witness could not be reached)
 * @param oldSize the old size the last request carried (the witness's size after a 409)
 * @param cosignature the verified cosignature/v1 line, null unless {@link Kind#COSIGNED}
 * @param timestamp the cosignature's timestamp (POSIX seconds), 0 unless cosigned
 */
public record WitnessOutcome(Kind kind, int status, long oldSize, String detail, NoteSignature cosignature,
        long timestamp) {

    public enum Kind {
        /** The witness cosigned and the line verified with its configured key. */
        COSIGNED,
        /** The witness answered, but with no valid cosignature (its status and reason in the detail). */
        REFUSED,
        /** No answer: connection refused, timeout. */
        UNREACHABLE
    }

    static WitnessOutcome cosigned(long oldSize, NoteSignature cosignature, long timestamp) {
        return new WitnessOutcome(Kind.COSIGNED, 200, oldSize, "cosigned", cosignature, timestamp);
    }

    static WitnessOutcome refused(int status, long oldSize, String detail) {
        return new WitnessOutcome(Kind.REFUSED, status, oldSize, detail, null, 0);
    }

    static WitnessOutcome unreachable(long oldSize, String detail) {
        return new WitnessOutcome(Kind.UNREACHABLE, 0, oldSize, detail, null, 0);
    }

    /** The metric tag: {@code cosigned}, {@code unreachable} or {@code refused_<status>}. */
    public String tag() {
        return switch (kind) {
            case COSIGNED -> "cosigned";
            case UNREACHABLE -> "unreachable";
            case REFUSED -> "refused_" + status;
        };
    }
}
