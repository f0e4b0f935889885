package io.pjctrl.contract.tlog;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * One signature line of a signed note: {@code — <key name> base64(uint32 key ID || signature)}. {@code signature}
 * is what follows the key ID: 64 bytes for an Ed25519 note signature (type 0x01), 8 + 64 bytes (timestamp, then
 * signature) for a tlog-cosignature/v1 (type 0x04).
 */
public record NoteSignature(String keyName, int keyId, byte[] signature) {

    public NoteSignature {
        VerifierKey.requireKeyName(keyName);
        Objects.requireNonNull(signature, "signature");
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** {@code — <key name> <base64>\n}. */
    public String line() {
        byte[] bytes = ByteBuffer.allocate(4 + signature.length).putInt(keyId).put(signature).array();
        return SignedNote.SIGNATURE_PREFIX + keyName + " " + Base64.getEncoder().encodeToString(bytes) + "\n";
    }

    /** Whether this line names {@code key} (same name and key ID): only then must it be verified with it. */
    public boolean isBy(VerifierKey key) {
        return keyName.equals(key.name()) && keyId == key.keyId();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NoteSignature that && keyName.equals(that.keyName) && keyId == that.keyId
                && Arrays.equals(signature, that.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keyName, keyId, Arrays.hashCode(signature));
    }

    @Override
    public String toString() {
        return "NoteSignature[" + keyName + "+" + String.format("%08x", keyId) + "]";
    }
}
