package io.pjctrl.contract.note;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;

/**
 * Signs checkpoints as C2SP signed notes with one Ed25519 key:
 *
 * <pre>
 * &lt;checkpoint body&gt;
 * (blank line)
 * — &lt;key name&gt; base64( key hash (4 bytes) || Ed25519 signature of the body (64 bytes) )
 * </pre>
 *
 * The dash is U+2014 (EM DASH) followed by a space. Ed25519 is deterministic: the same body and key always give the
 * same note, which is what makes golden vectors possible.
 */
public final class NoteSigner {

    private final PrivateKey privateKey;
    private final VerifierKey verifierKey;

    public NoteSigner(String keyName, PrivateKey privateKey) {
        this.privateKey = privateKey;
        this.verifierKey = VerifierKey.of(keyName, Ed25519Keys.derivePublicKey(privateKey));
    }

    public static NoteSigner fromPem(String keyName, String privateKeyPem) {
        return new NoteSigner(keyName, Ed25519Keys.privateKeyFromPem(privateKeyPem));
    }

    public VerifierKey verifierKey() {
        return verifierKey;
    }

    public String keyId() {
        return verifierKey.keyId();
    }

    /** The complete signed note of {@code checkpoint}. */
    public String sign(Checkpoint checkpoint) {
        String body = checkpoint.body();
        byte[] signature = ed25519(body.getBytes(StandardCharsets.UTF_8));
        byte[] keyHash = verifierKey.keyHash();
        byte[] prefixed = new byte[keyHash.length + signature.length];
        System.arraycopy(keyHash, 0, prefixed, 0, keyHash.length);
        System.arraycopy(signature, 0, prefixed, keyHash.length, signature.length);
        return body + "\n" + SignedNotes.SIGNATURE_PREFIX + verifierKey.name() + " "
                + Base64.getEncoder().encodeToString(prefixed) + "\n";
    }

    private byte[] ed25519(byte[] message) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(privateKey);
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }
}
