package io.pjctrl.contract.tlog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * RFC 6962 / RFC 9162 section 2.1 Merkle tree hashing with SHA-256. Domain separation: a leaf hash is
 * {@code SHA-256(0x00 || data)}, an interior node {@code SHA-256(0x01 || left || right)}, the empty tree's root is
 * {@code SHA-256("")}. The digest is reused per thread, so hashing allocates only its 32-byte result.
 */
public final class Rfc6962 {

    /** Bytes of every hash of this log. */
    public static final int HASH_SIZE = 32;
    /** Prefix of a leaf hash (RFC 6962 section 2.1). */
    public static final byte LEAF_HASH_PREFIX = 0x00;
    /** Prefix of an interior node hash (RFC 6962 section 2.1). */
    public static final byte NODE_HASH_PREFIX = 0x01;

    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Rfc6962::newDigest);
    private static final byte[] EMPTY_ROOT = sha256(new byte[0]);

    private Rfc6962() {
    }

    /** The root of the empty tree, {@code SHA-256("")} = e3b0c442...b855. */
    public static byte[] emptyRoot() {
        return EMPTY_ROOT.clone();
    }

    /** {@code SHA-256(0x00 || data)}. */
    public static byte[] hashLeaf(byte[] data) {
        MessageDigest digest = DIGEST.get();
        digest.update(LEAF_HASH_PREFIX);
        digest.update(data);
        return digest.digest();
    }

    /** {@code SHA-256(0x01 || left || right)}; both are 32-byte hashes (not checked here, the callers hold them). */
    public static byte[] hashChildren(byte[] left, byte[] right) {
        MessageDigest digest = DIGEST.get();
        digest.update(NODE_HASH_PREFIX);
        digest.update(left);
        digest.update(right);
        return digest.digest();
    }

    /** {@code SHA-256(0x01 || left || right)} over two 32-byte hashes read in place from larger arrays. */
    static byte[] hashChildren(byte[] left, int leftOffset, byte[] right, int rightOffset) {
        MessageDigest digest = DIGEST.get();
        digest.update(NODE_HASH_PREFIX);
        digest.update(left, leftOffset, HASH_SIZE);
        digest.update(right, rightOffset, HASH_SIZE);
        return digest.digest();
    }

    /**
     * The leaf data of this log for one audit entry: the 32 raw bytes of SHA-256 of the entry's canonical form
     * (UTF-8). The leaf hash is then {@code hashLeaf(leafData(canonical))}.
     */
    public static byte[] leafData(String canonicalForm) {
        return leafData(canonicalForm.getBytes(StandardCharsets.UTF_8));
    }

    /** {@link #leafData(String)} of the canonical form's UTF-8 bytes, for a caller that has them already. */
    public static byte[] leafData(byte[] canonicalUtf8) {
        return sha256(canonicalUtf8);
    }

    /** {@code hashLeaf(leafData(canonicalForm))}: the level-0 hash of an audit entry. */
    public static byte[] entryLeafHash(String canonicalForm) {
        return hashLeaf(leafData(canonicalForm));
    }

    static byte[] sha256(byte[] data) {
        MessageDigest digest = DIGEST.get();
        return digest.digest(data);
    }

    static void requireHash(byte[] hash, String what) {
        if (hash == null || hash.length != HASH_SIZE) {
            throw new IllegalArgumentException(what + " must be " + HASH_SIZE + " bytes, got "
                    + (hash == null ? "null" : hash.length));
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
