package io.pjctrl.witness;

/** What {@code add-checkpoint} answers: an HTTP status, and the reason (a refusal) or the body (200 and 409). */
public record AddCheckpointOutcome(int status, String reason, String body) {

    static AddCheckpointOutcome cosigned(String cosignatureLines) {
        return new AddCheckpointOutcome(200, "cosigned", cosignatureLines);
    }

    static AddCheckpointOutcome refused(int status, String reason) {
        return new AddCheckpointOutcome(status, reason, null);
    }

    public boolean accepted() {
        return status == 200;
    }
}
