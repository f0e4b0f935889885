package io.pjctrl.contract.note;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/** Loading Ed25519 keys from PEM with the JDK alone (no BouncyCastle), and their raw 32-byte public form. */
public final class Ed25519Keys {

    /** DER prefix of an X.509 SubjectPublicKeyInfo holding an Ed25519 key; the raw 32-byte key follows it. */
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private Ed25519Keys() {
    }

    /** A PKCS#8 PEM private key ("-----BEGIN PRIVATE KEY-----", as {@code openssl genpkey -algorithm ed25519}). */
    public static PrivateKey privateKeyFromPem(String pem) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pemBody(pem, "PRIVATE KEY")));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 PKCS#8 private key: " + e.getMessage(), e);
        }
    }

    /** An X.509 PEM public key ("-----BEGIN PUBLIC KEY-----"). */
    public static PublicKey publicKeyFromPem(String pem) {
        return publicKeyFromRaw(rawFromX509(pemBody(pem, "PUBLIC KEY")));
    }

    /**
     * The public half of a private key. The JDK has no direct API for it, but Ed25519 key generation takes exactly 32
     * random bytes as the private key, so feeding those bytes in as "randomness" regenerates the same pair.
     */
    public static PublicKey derivePublicKey(PrivateKey privateKey) {
        byte[] seed = ((EdECPrivateKey) privateKey).getBytes()
                .orElseThrow(() -> new IllegalArgumentException("private key bytes are not extractable"));
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(255, new FixedRandom(seed));
            KeyPair pair = generator.generateKeyPair();
            return pair.getPublic();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is built into every JDK 15+", e);
        }
    }

    /** The raw 32-byte public key (RFC 8032 encoding). */
    public static byte[] rawPublicKey(PublicKey publicKey) {
        return rawFromX509(publicKey.getEncoded());
    }

    public static PublicKey publicKeyFromRaw(byte[] raw) {
        if (raw.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, not " + raw.length);
        }
        byte[] der = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + 32);
        System.arraycopy(raw, 0, der, X509_PREFIX.length, 32);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    private static byte[] rawFromX509(byte[] der) {
        if (der.length != X509_PREFIX.length + 32 || !Arrays.equals(X509_PREFIX, Arrays.copyOf(der, X509_PREFIX.length))) {
            throw new IllegalArgumentException("not an X.509 Ed25519 public key");
        }
        return Arrays.copyOfRange(der, X509_PREFIX.length, der.length);
    }

    private static byte[] pemBody(String pem, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("PEM block '" + label + "' not found");
        }
        String base64 = pem.substring(from + begin.length(), to).replaceAll("\\s", "");
        return Base64.getDecoder().decode(base64);
    }

    /** Returns the given bytes once; anything else would silently produce a different key. */
    private static final class FixedRandom extends SecureRandom {

        private static final long serialVersionUID = 1L;
        private final byte[] bytes;
        private boolean used;

        FixedRandom(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] out) {
            if (used || out.length != bytes.length) {
                throw new IllegalStateException("unexpected request for " + out.length + " random bytes");
            }
            System.arraycopy(bytes, 0, out, 0, out.length);
            used = true;
        }
    }
}
