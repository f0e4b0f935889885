package io.pjctrl.audit.log;

import java.time.Instant;
import java.util.UUID;

/** A position in a newest-first listing: the (time, id) of the last row of the previous page. */
public record KeysetCursor(Instant at, UUID id) {
}
