package io.pjctrl.contract.chain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The chain hash: {@code checksum = lowercase_hex( SHA-256( ascii(prev_checksum) || utf8(canonical(entry)) ) )}.
 *
 * <p>
 * {@code prev_checksum} enters the hash as its 64 lowercase hexadecimal ASCII characters (not the 32 raw bytes), so
 * anyone can recompute a checksum with {@code printf '%s%s' "$prev" "$canonical" | sha256sum}. The first entry of a
 * chain (seq 1) uses {@link #GENESIS}.
 */
public final class Checksums {

    /** prev_checksum of the first entry of every chain: 64 ASCII zeros. */
    public static final String GENESIS = "0".repeat(64);

    private static final HexFormat HEX = HexFormat.of();
    /** Reused per thread (verify computes millions in a row; getInstance looks the provider up each time). */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Checksums::newSha256);

    private Checksums() {
    }

    /** Checksum of {@code entry} chained after {@code prevChecksumHex} (64 lowercase hex chars). */
    public static String compute(String prevChecksumHex, AuditEntry entry) {
        return compute(prevChecksumHex, entry.canonicalBytes());
    }

    /** Checksum over already canonical UTF-8 bytes, for callers that keep the canonical form. */
    public static String compute(String prevChecksumHex, byte[] canonicalUtf8) {
        requireChecksum(prevChecksumHex);
        MessageDigest sha256 = SHA256.get();
        sha256.update(prevChecksumHex.getBytes(StandardCharsets.US_ASCII));
        sha256.update(canonicalUtf8);
        return HEX.formatHex(sha256.digest());
    }

    /** True for 64 lowercase hexadecimal characters, the only accepted form of a checksum. */
    public static boolean isChecksum(String value) {
        // A loop rather than a regex: verify checks two checksums per entry, millions of times.
        if (value == null || value.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = value.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    /** The 32 raw bytes of a checksum (what a checkpoint signs, base64-encoded). */
    public static byte[] toBytes(String checksumHex) {
        requireChecksum(checksumHex);
        return HEX.parseHex(checksumHex);
    }

    public static String fromBytes(byte[] hash) {
        if (hash.length != 32) {
            throw new IllegalArgumentException("a SHA-256 hash has 32 bytes, not " + hash.length);
        }
        return HEX.formatHex(hash);
    }

    private static void requireChecksum(String value) {
        if (!isChecksum(value)) {
            throw new IllegalArgumentException("not a checksum (64 lowercase hex chars): " + value);
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
