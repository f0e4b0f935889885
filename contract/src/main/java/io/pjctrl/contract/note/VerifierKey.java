package io.pjctrl.contract.note;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
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

    static final byte ALG_ED25519 = 0x01;
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

    /** Parses {@code name+hash+base64key}, checking the hash against the key. */
    public static VerifierKey parse(String encoded) {
        // The name has no '+'; the base64 key may.
        String[] parts = encoded.trim().split("\\+", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("verifier key is not name+hash+key");
        }
        byte[] typed = Base64.getDecoder().decode(parts[2]);
        if (typed.length != 33 || typed[0] != ALG_ED25519) {
            throw new IllegalArgumentException("verifier key is not an Ed25519 key (0x01 || 32 bytes)");
        }
        VerifierKey key = new VerifierKey(parts[0], Arrays.copyOfRange(typed, 1, 33));
        if (!key.keyHashHex().equals(parts[1])) {
            throw new IllegalArgumentException("verifier key hash " + parts[1] + " does not match its key");
        }
        return key;
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** First 4 bytes of SHA-256(name || '\n' || 0x01 || key): the prefix of every signature by this key. */
    public byte[] keyHash() {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(name.getBytes(StandardCharsets.US_ASCII));
            sha256.update((byte) '\n');
            sha256.update(ALG_ED25519);
            sha256.update(publicKey);
            return Arrays.copyOf(sha256.digest(), 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
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
        byte[] typed = new byte[33];
        typed[0] = ALG_ED25519;
        System.arraycopy(publicKey, 0, typed, 1, 32);
        return keyId() + "+" + Base64.getEncoder().encodeToString(typed);
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
