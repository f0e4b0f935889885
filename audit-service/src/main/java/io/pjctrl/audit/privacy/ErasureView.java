package io.pjctrl.audit.privacy;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an erasure did. */
@Schema(name = "Erasure")
public record ErasureView(
        UUID id,
        UUID userId,
        String reason,
        @Schema(description = "The admin who asked (token subject)") String erasedBy,
        Instant erasedAt,
        @Schema(description = "Entries whose committed values of this subject lost their openings (now shown as erased)") long entriesAffected,
        @Schema(description = "Entries stored before commitments (V44) that hold this subject's values in clear: they cannot be erased without breaking their chains") long entriesNotErasable,
        @Schema(description = "The event id of the erasure's own audit event (type privacy.erasure)") UUID eventId,
        @Schema(description = "false: the erasure is done but its audit event was not acknowledged by the broker (answered 202)") boolean eventRecorded) {
}
