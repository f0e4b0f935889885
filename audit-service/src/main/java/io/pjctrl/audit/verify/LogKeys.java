package io.pjctrl.audit.verify;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.pjctrl.audit.checkpoint.PublishedKey;
import io.pjctrl.contract.note.MalformedNoteException;
import io.pjctrl.contract.tlog.InvalidSignatureException;
import io.pjctrl.contract.tlog.NoteSignature;
import io.pjctrl.contract.tlog.NoteSigning;
import io.pjctrl.contract.tlog.VerifierKey;

/**
 * Whether a note held outside is this log's statement: signed (C2SP signed-note, type 0x01) by a key that is both
 * published and pinned in the configuration (as for stored checkpoints, {@link CheckpointTrust}), within that key's
 * validity window, for the origin of the chain it claims. Cosignatures and other signature lines are ignored, as the
 * signed-note spec prescribes for unknown keys.
 */
final class LogKeys {

    private final Map<String, PublishedKey> published;
    private final Set<io.pjctrl.contract.note.VerifierKey> pinned;
    private final String originPrefix;

    LogKeys(Map<String, PublishedKey> published, Set<io.pjctrl.contract.note.VerifierKey> pinned, String originPrefix) {
        this.published = published;
        this.pinned = pinned;
        this.originPrefix = originPrefix;
    }

    /** The chain a held checkpoint's origin names, or empty when the origin is not one of this log's. */
    Optional<String> chainOf(HeldNote held) {
        String prefix = originPrefix + "/";
        String origin = held.origin();
        return origin.startsWith(prefix) && origin.length() > prefix.length()
                ? Optional.of(origin.substring(prefix.length()))
                : Optional.empty();
    }

    /** Empty when the note is signed by a trusted key of this log, else why not. */
    Optional<String> untrusted(HeldNote held) {
        Instant signedAt;
        try {
            signedAt = io.pjctrl.contract.note.Checkpoint.parseBody(held.note().text()).time();
        } catch (MalformedNoteException e) {
            return Optional.of("its body is not a checkpoint of this log: " + e.getMessage());
        }
        for (PublishedKey key : published.values()) {
            if (!pinned.contains(key.key())) {
                continue;
            }
            VerifierKey vkey = VerifierKey.of(key.key().name(), VerifierKey.TYPE_ED25519, key.key().publicKey());
            for (NoteSignature signature : held.note().signaturesBy(vkey)) {
                try {
                    NoteSigning.verify(vkey, held.note().text(), signature);
                } catch (InvalidSignatureException e) {
                    return Optional.of(e.getMessage());
                }
                if (!key.validAt(signedAt)) {
                    return Optional.of("signed at " + signedAt + ", outside the validity window of key "
                            + key.key().keyId());
                }
                return Optional.empty();
            }
        }
        return Optional.of("no signature by a published and pinned key of this log");
    }
}
