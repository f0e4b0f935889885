package io.pjctrl.audit.alert;

/**
 * What the alert stream sends: an alert at its stream position (the SSE {@code id:}), or a heartbeat that keeps an idle
 * connection open.
 */
sealed interface StreamedAlert {

    /** An alert and its position in audit_alerts.stream_position (increasing in commit order). */
    record Alert(long position, AlertView alert) implements StreamedAlert {
    }

    /** A comment line with no alert: proxies that close idle connections see traffic. */
    record Heartbeat() implements StreamedAlert {
    }
}
