package io.pjctrl.audit.checkpoint;

import java.util.UUID;

/**
 * A stored checkpoint row (audit_checkpoints), as read for verification: format 1 signs {@code headChecksum}, format 2
 * signs {@code rootHash} (hex, null in format 1), the RFC 6962 root of the chain's tree at size {@code seq}.
 */
public record StoredCheckpoint(UUID id, String chainId, long seq, String headChecksum, String origin, String keyId,
        String signedNote, int format, String rootHash) {
}
