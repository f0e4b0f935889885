package io.pjctrl.contract.note;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A C2SP signed-note verifier key: a key name plus an Ed25519 public key. Encoded as
 * {@code <name>+<key hash, 8 hex>+<base64(0x01 || 32-byte public key)>}, which is also how audit_signing_keys
 * stores it. The key id used everywhere else is {@code <name>+<key hash>}.
 *
 * <p>
 * key hash = first 4 bytes of SHA-256( name || 0x0A || 0x01 || public key ), 0x01 being the Ed25519 algorithm byte.
 */
public record VerifierKey(String name, byte[] publicKey) {

    private static final byte ED25519 = io.pjctrl.contract.tlog.VerifierKey.TYPE_ED25519;
    private static final Pattern NAME = Pattern.compile("[\\x21-\\x2a\\x2c-\\x7e]+"); // printable ASCII, no '+', no space

    public VerifierKey {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("key name must be printable ASCII without '+' or spaces: " + name);
        }
        if (publicKey.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, not " + publicKey.length);
        }
        publicKey = publicKey.clone();
    }

    public static VerifierKey of(String name, PublicKey publicKey) {
        return new VerifierKey(name, Ed25519Keys.rawPublicKey(publicKey));
    }

    /**
     * Parses {@code name+hash+base64key}, checking the hash against the key: the signed-note parser of
     * {@link io.pjctrl.contract.tlog.VerifierKey}, held to an Ed25519 key (type 0x01) and this class's key names.
     */
    public static VerifierKey parse(String encoded) {
        io.pjctrl.contract.tlog.VerifierKey vkey = io.pjctrl.contract.tlog.VerifierKey.parse(encoded.trim());
        if (vkey.type() != ED25519) {
            throw new IllegalArgumentException("verifier key is not an Ed25519 key (0x01 || 32 bytes)");
        }
        return new VerifierKey(vkey.name(), vkey.publicKey());
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** First 4 bytes of SHA-256(name || '\n' || 0x01 || key): the prefix of every signature by this key. */
    public byte[] keyHash() {
        return ByteBuffer.allocate(4).putInt(io.pjctrl.contract.tlog.VerifierKey.keyId(name, ED25519, publicKey)).array();
    }

    public String keyHashHex() {
        return HexFormat.of().formatHex(keyHash());
    }

    /** {@code <name>+<key hash hex>}: the key id in audit_signing_keys and audit_checkpoints. */
    public String keyId() {
        return name + "+" + keyHashHex();
    }

    /** {@code <name>+<key hash hex>+<base64(0x01 || key)>}. */
    public String encoded() {
        return io.pjctrl.contract.tlog.VerifierKey.of(name, ED25519, publicKey).format();
    }

    boolean verifies(byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(Ed25519Keys.publicKeyFromRaw(publicKey));
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VerifierKey key && name.equals(key.name) && Arrays.equals(publicKey, key.publicKey);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return encoded();
    }
}
