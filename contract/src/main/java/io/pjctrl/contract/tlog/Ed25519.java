package io.pjctrl.contract.tlog;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * Ed25519 (RFC 8032) through the JDK, with keys as the raw 32 bytes signed notes carry. The JDK speaks X.509 / PKCS#8
 * encodings, which for Ed25519 are a fixed prefix before the raw bytes (RFC 8410).
 */
public final class Ed25519 {

    public static final int PUBLIC_KEY_SIZE = 32;
    public static final int SEED_SIZE = 32;
    public static final int SIGNATURE_SIZE = 64;

    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21,
            0x00};
    private static final byte[] PKCS8_PREFIX = {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65,
            0x70, 0x04, 0x22, 0x04, 0x20};

    private Ed25519() {
    }

    /** The JDK public key of 32 raw bytes. */
    public static PublicKey publicKey(byte[] raw) {
        return (PublicKey) decode(raw, PUBLIC_KEY_SIZE, X509_PREFIX, true);
    }

    /** The JDK private key of a 32-byte RFC 8032 seed. */
    public static PrivateKey privateKey(byte[] seed) {
        return (PrivateKey) decode(seed, SEED_SIZE, PKCS8_PREFIX, false);
    }

    /** The 32 raw bytes of an Ed25519 public key. */
    public static byte[] raw(PublicKey key) {
        byte[] encoded = key.getEncoded();
        if (!"X.509".equals(key.getFormat()) || encoded.length != X509_PREFIX.length + PUBLIC_KEY_SIZE
                || !Arrays.equals(encoded, 0, X509_PREFIX.length, X509_PREFIX, 0, X509_PREFIX.length)) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + key.getAlgorithm());
        }
        return Arrays.copyOfRange(encoded, X509_PREFIX.length, encoded.length);
    }

    /** The public key of a private key given as its seed. */
    public static byte[] publicKeyOfSeed(byte[] seed) {
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(255, new FixedRandom(seed));
            return raw(generator.generateKeyPair().getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 key generation failed", e);
        }
    }

    public static byte[] sign(PrivateKey key, byte[] message) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with " + key.getAlgorithm() + " key", e);
        }
    }

    /** Whether {@code signature} is a valid Ed25519 signature of {@code message} by {@code publicKey} (raw bytes). */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (signature.length != SIGNATURE_SIZE) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(publicKey(publicKey));
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static Object decode(byte[] raw, int size, byte[] prefix, boolean isPublic) {
        if (raw == null || raw.length != size) {
            throw new IllegalArgumentException("an Ed25519 " + (isPublic ? "public key" : "seed") + " is " + size
                    + " bytes");
        }
        byte[] encoded = Arrays.copyOf(prefix, prefix.length + size);
        System.arraycopy(raw, 0, encoded, prefix.length, size);
        try {
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            return isPublic
                    ? factory.generatePublic(new X509EncodedKeySpec(encoded))
                    : factory.generatePrivate(new PKCS8EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("invalid Ed25519 key", e);
        }
    }

    /**
     * Feeds the seed to the JDK's key pair generator, which draws the 32-byte private key from it in one call (so
     * does SunEC; the JDK has no public API from seed to public key). NoteSigningTest pins the result against
     * golang.org/x/mod/sumdb/note's published key pair, so a JDK that draws otherwise fails the build, not a
     * signature.
     */
    private static final class FixedRandom extends java.security.SecureRandom {

        private final byte[] seed;

        FixedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("expected a request for " + seed.length + " bytes");
            }
            System.arraycopy(seed, 0, bytes, 0, seed.length);
        }
    }
}
