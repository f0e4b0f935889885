package io.pjctrl.contract.privacy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The salted commitment to one personal value (docs/integrity.md §18):
 * {@code base64(SHA-256(DOMAIN || salt || UTF-8(JCS(value))))}, with a 32-byte random salt. The salt makes the
 * commitment of a guessable value (an IPv4 address, a common user agent) unguessable once the salt is destroyed;
 * the domain prefix keeps a commitment from ever equalling any other hash of the log (entry checksums, RFC 6962
 * leaves and nodes), whose inputs start differently.
 */
public final class Commitments {

    /** The domain separation prefix: the ASCII bytes of {@code pjctrl-audit/commitment/v1} and one 0x00 byte. */
    public static final byte[] DOMAIN = "pjctrl-audit/commitment/v1\0".getBytes(StandardCharsets.US_ASCII);
    public static final int SALT_BYTES = 32;

    /** The property of the object that replaces a committed value in the stored entry. */
    public static final String COMMIT = "$commit";
    /** The properties of an opening (in exports): the value itself and its salt (base64). */
    public static final String VALUE = "$value";
    public static final String SALT = "$salt";
    /** The property of the marker the API shows for an erased value: {@code {"$erased":true}}. */
    public static final String ERASED = "$erased";

    private static final SecureRandom RANDOM = new SecureRandom();
    /** One digest per thread, reset by each digest(): MessageDigest.getInstance looks the provider up every time. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Commitments::sha256);

    private Commitments() {
    }

    /** A fresh random salt. */
    public static byte[] newSalt() {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return salt;
    }

    /**
     * The commitment (standard base64 with padding, RFC 4648 §4) to the value whose RFC 8785 canonical JSON text is
     * {@code canonicalValue}, under {@code salt} (exactly {@value #SALT_BYTES} bytes).
     */
    public static String commit(byte[] salt, String canonicalValue) {
        if (salt.length != SALT_BYTES) {
            throw new IllegalArgumentException("salt must be " + SALT_BYTES + " bytes, was " + salt.length);
        }
        MessageDigest sha256 = SHA256.get();
        sha256.update(DOMAIN);
        sha256.update(salt);
        sha256.update(canonicalValue.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(sha256.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
