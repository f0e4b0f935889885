package io.pjctrl.contract.verifier;

import java.time.Instant;

/**
 * A signed checkpoint note after {@link NoteCheck}: what it states (chain, size, the 32-byte hash of its third line,
 * time), who signed it, how many trusted witnesses cosigned it, and where it came from ({@code source}: a file name,
 * or {@code tlog_proof}). {@code failure} is null when every trusted signature verified.
 */
record CheckedNote(String source, String chainId, long size, byte[] hash, Instant time, String logKeyId,
        int cosignatures, Finding failure) {

    boolean verified() {
        return failure == null;
    }
}
