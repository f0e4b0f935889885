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

    /** A cipher of the key-encryption key for one batch or read (not thread-safe). */
    KeyCipher keyCipher() {
        return new KeyCipher(new Gcm(keyEncryptionKey));
    }

    /** A cipher of one subject's data key for one batch or read (not thread-safe). */
    static ValueCipher valueCipher(byte[] dataKey) {
        return new ValueCipher(new Gcm(new SecretKeySpec(dataKey, "AES")));
    }

    /** Wraps and unwraps subjects' data keys; AAD: the subject id. */
    static final class KeyCipher {

        private final Gcm gcm;

        private KeyCipher(Gcm gcm) {
            this.gcm = gcm;
        }

        byte[] wrap(UUID subject, byte[] dataKey) {
            return gcm.encrypt(dataKey, subjectAad(subject));
        }

        byte[] unwrap(UUID subject, byte[] wrapped) {
            return gcm.decrypt(wrapped, subjectAad(subject));
        }
    }

    /** Seals and opens one subject's openings (salt || canonical value); AAD: {@code <entry id>|<path>}. */
    static final class ValueCipher {

        private final Gcm gcm;

        private ValueCipher(Gcm gcm) {
            this.gcm = gcm;
        }

        byte[] seal(UUID entryId, String path, byte[] salt, String canonicalValue) {
            byte[] value = canonicalValue.getBytes(StandardCharsets.UTF_8);
            byte[] plain = ByteBuffer.allocate(salt.length + value.length).put(salt).put(value).array();
            return gcm.encrypt(plain, valueAad(entryId, path));
        }

        /** The salt (first 32 bytes) and the canonical value of a sealed opening. */
        Opened open(UUID entryId, String path, byte[] sealed) {
            byte[] plain = gcm.decrypt(sealed, valueAad(entryId, path));
            return new Opened(Arrays.copyOf(plain, 32),
                    new String(plain, 32, plain.length - 32, StandardCharsets.UTF_8));
        }
    }

    record Opened(byte[] salt, String canonicalValue) {
    }

    private static byte[] subjectAad(UUID subject) {
        return subject.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] valueAad(UUID entryId, String path) {
        return (entryId + "|" + path).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * One AES-GCM Cipher for one key, initialised again (with a fresh nonce) for each value: the JDK recomputes the AES
     * key schedule only when the key changes, so a batch pays it once per key instead of once per value, and looks the
     * provider up once.
     */
    private static final class Gcm {

        private final SecretKeySpec key;
        private final Cipher cipher;

        Gcm(SecretKeySpec key) {
            this.key = key;
            try {
                this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM is required of every JDK", e);
            }
        }

        byte[] encrypt(byte[] plain, byte[] aad) {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            try {
                cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
                cipher.updateAAD(aad);
                byte[] sealed = new byte[NONCE_BYTES + cipher.getOutputSize(plain.length)];
                System.arraycopy(nonce, 0, sealed, 0, NONCE_BYTES);
                cipher.doFinal(plain, 0, plain.length, sealed, NONCE_BYTES);
                return sealed;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM encryption failed", e);
            }
        }

        byte[] decrypt(byte[] sealed, byte[] aad) {
            try {
                cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
                cipher.updateAAD(aad);
                return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("a stored personal value does not decrypt (wrong key-encryption key?)",
                        e);
            }
        }
    }
}
