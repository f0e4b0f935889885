package io.pjctrl.audit.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM (JDK) for the two layers of personal data at rest: a subject's data key wrapped by the key-encryption
 * key (AAD: the subject id), and an opening (salt || canonical value) sealed by the data key (AAD:
 * {@code <entry id>|<path>}, so a sealed value cannot be moved to another entry or field). Every output is a fresh
 * 12-byte nonce followed by the ciphertext and its 16-byte tag.
 */
final class Sealing {

    static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec keyEncryptionKey;

    Sealing(String base64KeyEncryptionKey) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64KeyEncryptionKey.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pjctrl.privacy.key-encryption-key is not base64");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("pjctrl.privacy.key-encryption-key must be 32 bytes, is " + key.length);
        }
        this.keyEncryptionKey = new SecretKeySpec(key, "AES");
    }

    static byte[] newDataKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    byte[] wrap(UUID subject, byte[] dataKey) {
        return encrypt(keyEncryptionKey, dataKey, subjectAad(subject));
    }

    byte[] unwrap(UUID subject, byte[] wrapped) {
        return decrypt(keyEncryptionKey, wrapped, subjectAad(subject));
    }

    static byte[] seal(byte[] dataKey, UUID entryId, String path, byte[] salt, String canonicalValue) {
        byte[] value = canonicalValue.getBytes(StandardCharsets.UTF_8);
        byte[] plain = ByteBuffer.allocate(salt.length + value.length).put(salt).put(value).array();
        return encrypt(new SecretKeySpec(dataKey, "AES"), plain, valueAad(entryId, path));
    }

    /** The salt (first 32 bytes) and the canonical value of a sealed opening. */
    static Opened open(byte[] dataKey, UUID entryId, String path, byte[] sealed) {
        byte[] plain = decrypt(new SecretKeySpec(dataKey, "AES"), sealed, valueAad(entryId, path));
        return new Opened(Arrays.copyOf(plain, 32),
                new String(plain, 32, plain.length - 32, StandardCharsets.UTF_8));
    }

    record Opened(byte[] salt, String canonicalValue) {
    }

    private static byte[] subjectAad(UUID subject) {
        return subject.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] valueAad(UUID entryId, String path) {
        return (entryId + "|" + path).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] encrypt(SecretKeySpec key, byte[] plain, byte[] aad) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    private static byte[] decrypt(SecretKeySpec key, byte[] sealed, byte[] aad) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(aad);
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored personal value does not decrypt (wrong key-encryption key?)", e);
        }
    }
}
