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
        if (stored.format() == 2) {
            return treeCheckpoint(stored, verified, failures);
        }
        TrustedCheckpoint trusted = new TrustedCheckpoint(verified.checkpoint().size(),
                verified.checkpoint().headChecksum(), verified.keyId());
        if (trusted.seq() != stored.seq() || !trusted.headChecksum().equals(stored.headChecksum())) {
            failures.add(VerifyFailure.of(stored.chainId(), stored.seq(), null, "checkpoint_mismatch",
                    trusted.headChecksum(), stored.headChecksum(), "checkpoint " + stored.id()
                            + ": the stored seq/head columns differ from its signed note (seq " + trusted.seq() + ")"));
        }
        return trusted;
    }

    /**
     * Format 2 signs the tree root (its hash line), not the head checksum: the note must match the stored seq and
     * root_hash columns; the head_checksum column (unsigned in format 2) is what the walk compares with the entries.
     * Whether the stored tree's root at that size is this root is the tree check's concern, not this one's.
     */
    private static TrustedCheckpoint treeCheckpoint(StoredCheckpoint stored, NoteVerification.Verified verified,
            List<VerifyFailure> failures) {
        String signedRoot = verified.checkpoint().headChecksum();
        if (verified.checkpoint().size() != stored.seq() || !signedRoot.equals(stored.rootHash())) {
            failures.add(VerifyFailure.of(stored.chainId(), stored.seq(), null, "checkpoint_mismatch", signedRoot,
                    stored.rootHash(), "checkpoint " + stored.id() + ": the stored seq/root_hash columns differ from"
                            + " its signed note (size " + verified.checkpoint().size() + ")"));
        }
        return new TrustedCheckpoint(verified.checkpoint().size(), stored.headChecksum(), verified.keyId());
    }

    private static VerifyFailure badSignature(StoredCheckpoint stored, String why) {
        return VerifyFailure.of(stored.chainId(), stored.seq(), null, "bad_signature", stored.keyId(), null,
                "checkpoint " + stored.id() + " at seq " + stored.seq() + " is not trusted: " + why);
    }
}
