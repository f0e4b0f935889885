package io.pjctrl.contract.note;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;

/** Parsing and verifying signed checkpoint notes (format: see {@link NoteSigner} and docs/integrity.md). */
public final class SignedNotes {

    /** U+2014 EM DASH and a space start every signature line. */
    public static final String SIGNATURE_PREFIX = "\u2014 ";

    private SignedNotes() {
    }

    /**
     * Verifies {@code note} against {@code trustedKeys}: succeeds when some signature line names a trusted key (same
     * name and key hash) and its signature verifies over the body. Signature lines of unknown keys are ignored, as
     * C2SP prescribes; a bad signature by a known key fails the whole note.
     */
    public static NoteVerification verify(String note, Collection<VerifierKey> trustedKeys) {
        int split = note.lastIndexOf("\n\n");
        if (split < 0 || !note.endsWith("\n")) {
            return failed(NoteVerification.Reason.MALFORMED, "no blank line between body and signatures");
        }
        String body = note.substring(0, split + 1);
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.parseBody(body);
        } catch (MalformedNoteException e) {
            return failed(NoteVerification.Reason.MALFORMED, e.getMessage());
        }
        byte[] message = body.getBytes(StandardCharsets.UTF_8);
        String[] lines = note.substring(split + 2, note.length() - 1).split("\n", -1);
        String verifiedBy = null;
        for (String line : lines) {
            if (!line.startsWith(SIGNATURE_PREFIX)) {
                return failed(NoteVerification.Reason.MALFORMED, "not a signature line: " + line);
            }
            String[] parts = line.substring(SIGNATURE_PREFIX.length()).split(" ", -1);
            byte[] signature;
            try {
                signature = parts.length == 2 ? Base64.getDecoder().decode(parts[1]) : null;
            } catch (IllegalArgumentException e) {
                signature = null;
            }
            if (signature == null || signature.length != 4 + 64) {
                return failed(NoteVerification.Reason.MALFORMED, "signature line is not '— name base64': " + line);
            }
            VerifierKey key = find(trustedKeys, parts[0], Arrays.copyOf(signature, 4));
            if (key == null) {
                continue;
            }
            if (!key.verifies(message, Arrays.copyOfRange(signature, 4, signature.length))) {
                return failed(NoteVerification.Reason.BAD_SIGNATURE, "signature by " + key.keyId() + " does not verify");
            }
            verifiedBy = key.keyId();
        }
        if (verifiedBy == null) {
            return failed(NoteVerification.Reason.UNKNOWN_KEY, "no signature by a trusted key");
        }
        return new NoteVerification.Verified(checkpoint, verifiedBy);
    }

    private static VerifierKey find(Collection<VerifierKey> keys, String name, byte[] keyHash) {
        for (VerifierKey key : keys) {
            if (key.name().equals(name) && Arrays.equals(key.keyHash(), keyHash)) {
                return key;
            }
        }
        return null;
    }

    private static NoteVerification failed(NoteVerification.Reason reason, String detail) {
        return new NoteVerification.Failed(reason, detail);
    }
}
