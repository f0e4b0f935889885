package io.pjctrl.audit.verify;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.pjctrl.audit.checkpoint.PublishedKey;
import io.pjctrl.audit.checkpoint.StoredCheckpoint;
import io.pjctrl.contract.note.NoteVerification;
import io.pjctrl.contract.note.SignedNotes;
import io.pjctrl.contract.note.VerifierKey;

/**
 * Decides whether a stored checkpoint can be trusted: its note must verify (B's {@link SignedNotes}) with a key that
 * is both published in audit_signing_keys and pinned in this service's configuration (the current signing key and
 * the configured retired keys), within that key's validity window. Pinning matters: whoever can write the database
 * could otherwise insert a key of their own and re-sign a rewritten history.
 */
final class CheckpointTrust {

    private final Map<String, PublishedKey> published;
    private final Set<VerifierKey> pinned;

    CheckpointTrust(Map<String, PublishedKey> published, Set<VerifierKey> pinned) {
        this.published = published;
        this.pinned = pinned;
    }

    /** The trusted checkpoint, or null after adding the reason to {@code failures}. */
    TrustedCheckpoint check(StoredCheckpoint stored, List<VerifyFailure> failures) {
        List<VerifierKey> keys = published.values()
                .stream()
                .map(PublishedKey::key)
                .filter(pinned::contains)
                .toList();
        NoteVerification result = SignedNotes.verify(stored.signedNote(), keys);
        if (result instanceof NoteVerification.Failed failed) {
            failures.add(badSignature(stored, failed.reason().code() + ": " + failed.detail()));
            return null;
        }
        NoteVerification.Verified verified = (NoteVerification.Verified) result;
        Instant signedAt = verified.checkpoint().time();
        if (!published.get(verified.keyId()).validAt(signedAt)) {
            failures.add(badSignature(stored, "signed at " + signedAt + ", outside the validity window of key "
                    + verified.keyId()));
            return null;
        }
        if (!verified.checkpoint().origin().equals(stored.origin()) || !stored.origin().endsWith("/" + stored.chainId())) {
            failures.add(badSignature(stored, "the note is signed for origin " + verified.checkpoint().origin()
                    + ", not for chain " + stored.chainId()));
            return null;
        }
        // Format 1 signs the head checksum, which the row repeats in head_checksum; format 2 signs the tree root, and
        // head_checksum is the chain's head at that size. A note whose hash is not the row's head is held to the root.
        String signed = verified.checkpoint().headChecksum();
        boolean root = !signed.equals(stored.headChecksum());
        TrustedCheckpoint trusted = new TrustedCheckpoint(verified.checkpoint().size(), signed, root, verified.keyId());
        if (stored.format() == 2 && !signed.equals(stored.rootHash())) {
            failures.add(VerifyFailure.of(stored.chainId(), stored.seq(), null, "checkpoint_mismatch", signed,
                    stored.rootHash(), "checkpoint " + stored.id() + ": the stored root_hash column differs from its"
                            + " signed note"));
        }
        if (trusted.seq() != stored.seq()) {
            failures.add(VerifyFailure.of(stored.chainId(), stored.seq(), null, "checkpoint_mismatch",
                    Long.toString(trusted.seq()), Long.toString(stored.seq()), "checkpoint " + stored.id()
                            + ": the stored seq column differs from its signed note (seq " + trusted.seq() + ")"));
        }
        return trusted;
    }

    private static VerifyFailure badSignature(StoredCheckpoint stored, String why) {
        return VerifyFailure.of(stored.chainId(), stored.seq(), null, "bad_signature", stored.keyId(), null,
                "checkpoint " + stored.id() + " at seq " + stored.seq() + " is not trusted: " + why);
    }
}
