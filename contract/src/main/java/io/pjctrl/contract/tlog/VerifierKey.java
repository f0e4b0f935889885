package io.pjctrl.contract.tlog;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A signed-note verifier key ("vkey"): {@code <name>+<hex key ID>+base64(<type> || <public key>)}. Supported types:
 * {@link #TYPE_ED25519} (a log's own checkpoint signature) and {@link #TYPE_COSIGNATURE_V1} (a witness's
 * tlog-cosignature). The key ID is {@code SHA-256(name || 0x0A || type || public key)[:4]} for both, and parsing
 * refuses a vkey whose ID does not match, so name and ID always identify the key.
 */
public record VerifierKey(String name, int keyId, byte type, byte[] publicKey) {

    /** Signature type 0x01: Ed25519 over the note text (C2SP signed-note). */
    public static final byte TYPE_ED25519 = 0x01;
    /** Signature type 0x04: timestamped Ed25519 checkpoint cosignature (C2SP tlog-cosignature). */
    public static final byte TYPE_COSIGNATURE_V1 = 0x04;

    public VerifierKey {
        requireKeyName(name);
        if (type != TYPE_ED25519 && type != TYPE_COSIGNATURE_V1) {
            throw new IllegalArgumentException("unsupported signature type 0x" + String.format("%02x", type));
        }
        if (publicKey == null || publicKey.length != Ed25519.PUBLIC_KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 public key is 32 bytes");
        }
        publicKey = publicKey.clone();
        int expected = keyId(name, type, publicKey);
        if (keyId != expected) {
            throw new IllegalArgumentException("key ID " + hex(keyId) + " of " + name + " does not match its key ("
                    + hex(expected) + ")");
        }
    }

    /** The key of type {@code type} over {@code publicKey} (32 raw bytes), its ID computed. */
    public static VerifierKey of(String name, byte type, byte[] publicKey) {
        return new VerifierKey(name, keyId(name, type, publicKey), type, publicKey);
    }

    /** {@code SHA-256(name || 0x0A || type || publicKey)[:4]} as a big-endian uint32. */
    public static int keyId(String name, byte type, byte[] publicKey) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
            digest.update(type);
            digest.update(publicKey);
            return ByteBuffer.wrap(digest.digest()).getInt();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** {@code <name>+<hex key ID>+base64(type || key)}. */
    public String format() {
        byte[] material = new byte[1 + publicKey.length];
        material[0] = type;
        System.arraycopy(publicKey, 0, material, 1, publicKey.length);
        return name + "+" + hex(keyId) + "+" + Base64.getEncoder().encodeToString(material);
    }

    public static VerifierKey parse(String vkey) {
        String[] parts = vkey.split("\\+", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("a vkey is '<name>+<hex key ID>+<base64 key>', got '" + vkey + "'");
        }
        if (!parts[1].matches("[0-9a-f]{8}")) {
            throw new IllegalArgumentException("vkey key ID must be 8 lowercase hex digits, got '" + parts[1] + "'");
        }
        byte[] material;
        try {
            material = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("vkey key is not base64: '" + parts[2] + "'");
        }
        if (material.length < 1) {
            throw new IllegalArgumentException("vkey has no key material");
        }
        return new VerifierKey(parts[0], Integer.parseUnsignedInt(parts[1], 16), material[0],
                Arrays.copyOfRange(material, 1, material.length));
    }

    /** Key names are non-empty and hold neither Unicode spaces nor {@code +}. */
    static void requireKeyName(String name) {
        Objects.requireNonNull(name, "key name");
        if (name.isEmpty() || name.indexOf('+') >= 0 || name.codePoints().anyMatch(VerifierKey::isSpace)) {
            throw new IllegalArgumentException("key name must be non-empty without spaces or '+': '" + name + "'");
        }
    }

    private static boolean isSpace(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
    }

    static String hex(int keyId) {
        return HexFormat.of().toHexDigits(keyId);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VerifierKey that && name.equals(that.name) && keyId == that.keyId
                && type == that.type && Arrays.equals(publicKey, that.publicKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, keyId, type, Arrays.hashCode(publicKey));
    }

    @Override
    public String toString() {
        return format();
    }
}
