package io.pjctrl.contract.tlog;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.OptionalLong;

/**
 * Signing and verifying the two signature types of this log: a log's Ed25519 note signature over the checkpoint text
 * (type 0x01, C2SP signed-note) and a witness's timestamped cosignature (type 0x04, C2SP tlog-cosignature), whose
 * signed message is
 *
 * <pre>
 * cosignature/v1
 * time &lt;POSIX seconds&gt;
 * &lt;the checkpoint text, extension lines and final newline included&gt;
 * </pre>
 *
 * and whose signature bytes are {@code uint64 timestamp || Ed25519 signature} (72 bytes).
 */
public final class NoteSigning {

    /** First line of the cosignature/v1 signed message (domain separation). */
    public static final String COSIGNATURE_V1_HEADER = "cosignature/v1\n";
    /** Bytes of a cosignature/v1 after the key ID: timestamp and signature. */
    public static final int COSIGNATURE_V1_SIZE = 8 + Ed25519.SIGNATURE_SIZE;

    private NoteSigning() {
    }

    /** The Ed25519 (type 0x01) signature line of {@code name}'s key over {@code text}. */
    public static NoteSignature signEd25519(String name, PrivateKey key, byte[] publicKey, String text) {
        VerifierKey vkey = VerifierKey.of(name, VerifierKey.TYPE_ED25519, publicKey);
        return new NoteSignature(name, vkey.keyId(), Ed25519.sign(key, text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The cosignature/v1 (type 0x04) line of cosigner {@code name} over the checkpoint {@code text} at {@code time}. */
    public static NoteSignature cosign(String name, PrivateKey key, byte[] publicKey, String text, long timestamp) {
        VerifierKey vkey = VerifierKey.of(name, VerifierKey.TYPE_COSIGNATURE_V1, publicKey);
        byte[] signature = Ed25519.sign(key, cosignatureMessage(text, timestamp));
        byte[] bytes = ByteBuffer.allocate(COSIGNATURE_V1_SIZE).putLong(timestamp).put(signature).array();
        return new NoteSignature(name, vkey.keyId(), bytes);
    }

    /** {@code cosignature/v1\ntime <timestamp>\n<text>} in UTF-8. */
    public static byte[] cosignatureMessage(String text, long timestamp) {
        requireTimestamp(timestamp);
        return (COSIGNATURE_V1_HEADER + "time " + timestamp + "\n" + text).getBytes(StandardCharsets.UTF_8);
    }

    /** The timestamp a cosignature/v1 signature carries. */
    public static long cosignatureTimestamp(NoteSignature signature) {
        byte[] bytes = signature.signature();
        if (bytes.length != COSIGNATURE_V1_SIZE) {
            throw new IllegalArgumentException("a cosignature/v1 is " + COSIGNATURE_V1_SIZE + " bytes after the key ID, got "
                    + bytes.length);
        }
        return ByteBuffer.wrap(bytes).getLong();
    }

    /**
     * Verifies {@code signature} over the note {@code text} with {@code key}; the signature must name the key (same
     * name and key ID, see {@link NoteSignature#isBy}). Returns the cosignature timestamp for type 0x04, empty for
     * type 0x01; throws {@link InvalidSignatureException} when it does not verify.
     */
    public static OptionalLong verify(VerifierKey key, String text, NoteSignature signature) {
        if (!signature.isBy(key)) {
            throw new InvalidSignatureException(key, "is not by this key (line names " + signature.keyName() + "+"
                    + VerifierKey.hex(signature.keyId()) + ")");
        }
        byte[] bytes = signature.signature();
        if (key.type() == VerifierKey.TYPE_ED25519) {
            if (!Ed25519.verify(key.publicKey(), text.getBytes(StandardCharsets.UTF_8), bytes)) {
                throw new InvalidSignatureException(key, "does not verify over the note text");
            }
            return OptionalLong.empty();
        }
        if (bytes.length != COSIGNATURE_V1_SIZE) {
            throw new InvalidSignatureException(key, "is " + bytes.length + " bytes, a cosignature/v1 is "
                    + COSIGNATURE_V1_SIZE);
        }
        long timestamp = ByteBuffer.wrap(bytes).getLong();
        if (timestamp < 0) {
            throw new InvalidSignatureException(key, "has a timestamp beyond 2^63 - 1");
        }
        byte[] ed25519 = java.util.Arrays.copyOfRange(bytes, 8, bytes.length);
        if (!Ed25519.verify(key.publicKey(), cosignatureMessage(text, timestamp), ed25519)) {
            throw new InvalidSignatureException(key, "does not verify over the cosignature/v1 message at time "
                    + timestamp);
        }
        return OptionalLong.of(timestamp);
    }

    private static void requireTimestamp(long timestamp) {
        if (timestamp < 0) {
            throw new IllegalArgumentException("timestamp must be 0..2^63 - 1, got " + timestamp);
        }
    }
}
