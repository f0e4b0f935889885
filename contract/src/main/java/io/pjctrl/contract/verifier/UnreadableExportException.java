package io.pjctrl.contract.verifier;

/** Input that is not an export, note or key as audit-service writes them: a usage error (exit code 2). */
final class UnreadableExportException extends RuntimeException {

    UnreadableExportException(String message) {
        super(message);
    }

    UnreadableExportException(String message, Throwable cause) {
        super(message, cause);
    }
}
