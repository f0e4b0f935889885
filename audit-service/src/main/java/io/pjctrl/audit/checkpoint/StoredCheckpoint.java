package io.pjctrl.audit.checkpoint;

import java.util.UUID;

/** A stored checkpoint row (audit_checkpoints), as read for verification. */
public record StoredCheckpoint(UUID id, String chainId, long seq, String headChecksum, String origin, String keyId,
        String signedNote) {
}
