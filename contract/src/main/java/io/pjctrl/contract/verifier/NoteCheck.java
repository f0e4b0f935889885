package io.pjctrl.contract.verifier;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import io.pjctrl.contract.chain.Checksums;
import io.pjctrl.contract.note.Checkpoint;
import io.pjctrl.contract.tlog.InvalidSignatureException;
import io.pjctrl.contract.tlog.NoteSignature;
import io.pjctrl.contract.tlog.NoteSigning;
import io.pjctrl.contract.tlog.SignedNote;
import io.pjctrl.contract.tlog.VerifierKey;

/**
 * Verifies a signed checkpoint note against the {@link TrustPolicy}: the body of both checkpoint formats (origin,
 * size, base64 hash, {@code time <RFC 3339>}; the third line is a chain head or a tree root, which only the entries
 * tell apart), the origin, the log's Ed25519 signature by a trusted key within its validity window, and every
 * cosignature/v1 by a trusted witness. Signature lines of unknown keys are ignored (C2SP signed-note); a trusted
 * key's line that does not verify rejects the note. The quorum is applied by the caller, which knows the format.
 */
final class NoteCheck {

    private final TrustPolicy policy;

    NoteCheck(TrustPolicy policy) {
        this.policy = policy;
    }

    /** Checks {@code note}; {@code expectedChainId} null means: any chain under the trusted origin prefix. */
    CheckedNote check(String note, String source, String expectedChainId) {
        String chainId = expectedChainId == null ? "?" : expectedChainId;
        SignedNote signed;
        Checkpoint body;
        try {
            signed = SignedNote.parse(note);
            body = Checkpoint.parseBody(signed.text());
        } catch (IllegalArgumentException e) {
            return failed(source, chainId, "malformed_checkpoint", source + ": " + e.getMessage());
        }
        String prefix = policy.originPrefix() + "/";
        if (!body.origin().startsWith(prefix) || body.origin().length() == prefix.length()) {
            return failed(source, chainId, "wrong_origin", source + ": origin " + body.origin()
                    + " is not under the trusted prefix " + policy.originPrefix());
        }
        chainId = body.origin().substring(prefix.length());
        if (expectedChainId != null && !expectedChainId.equals(chainId)) {
            return failed(source, expectedChainId, "wrong_origin", source + ": origin " + body.origin()
                    + " is not this chain's (" + prefix + expectedChainId + ")");
        }
        TrustPolicy.LogKey signer = null;
        Set<VerifierKey> cosigners = new HashSet<>();
        for (NoteSignature signature : signed.signatures()) {
            try {
                for (TrustPolicy.LogKey key : policy.logKeys()) {
                    if (signature.isBy(key.key())) {
                        NoteSigning.verify(key.key(), signed.text(), signature);
                        signer = key;
                    }
                }
                for (VerifierKey witness : policy.witnessKeys()) {
                    if (signature.isBy(witness)) {
                        NoteSigning.verify(witness, signed.text(), signature);
                        cosigners.add(witness);
                    }
                }
            } catch (InvalidSignatureException e) {
                boolean log = policy.logKeys().stream().anyMatch(key -> signature.isBy(key.key()));
                return failed(source, chainId, log ? "bad_signature" : "bad_cosignature",
                        source + " (size " + body.size() + "): " + e.getMessage());
            }
        }
        byte[] hash = Checksums.toBytes(body.headChecksum());
        if (signer == null) {
            return failed(source, chainId, "unknown_key", source + " (size " + body.size()
                    + "): no signature by a trusted log key");
        }
        Instant time = body.time();
        if (!signer.covers(time)) {
            return failed(source, chainId, "key_not_valid", source + " (size " + body.size() + "): time " + time
                    + " is outside the window of " + signer.key().name() + "+" + hex(signer.key().keyId()) + " ("
                    + signer.validFrom() + " .. " + signer.validUntil() + ", +/- 1 min)");
        }
        return new CheckedNote(source, chainId, body.size(), hash, time,
                signer.key().name() + "+" + hex(signer.key().keyId()), cosigners.size(), null);
    }

    private static CheckedNote failed(String source, String chainId, String kind, String detail) {
        return new CheckedNote(source, chainId, 0, null, null, null, 0, new Finding(chainId, 0, kind, detail));
    }

    private static String hex(int keyId) {
        return String.format("%08x", keyId);
    }
}
