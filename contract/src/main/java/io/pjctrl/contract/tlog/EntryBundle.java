package io.pjctrl.contract.tlog;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * C2SP tlog-tiles entry bundles: a sequence of entries, each prefixed with its length as a big-endian uint16. In this
 * log every entry is the 32-byte leaf data (SHA-256 of the entry's canonical form), so a full bundle is 256 * 34
 * bytes.
 */
public final class EntryBundle {

    /** The longest entry a uint16 length prefix can carry. */
    public static final int MAX_ENTRY_LENGTH = 0xFFFF;

    private EntryBundle() {
    }

    public static byte[] format(List<byte[]> entries) {
        if (entries.size() > TileMath.WIDTH) {
            throw new IllegalArgumentException("a bundle holds at most " + TileMath.WIDTH + " entries, got "
                    + entries.size());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(entries.size() * (2 + Rfc6962.HASH_SIZE));
        for (byte[] entry : entries) {
            if (entry.length > MAX_ENTRY_LENGTH) {
                throw new IllegalArgumentException("entry of " + entry.length + " bytes exceeds " + MAX_ENTRY_LENGTH);
            }
            out.write(entry.length >>> 8);
            out.write(entry.length & 0xFF);
            out.writeBytes(entry);
        }
        return out.toByteArray();
    }

    /** Splits a bundle into its entries; refuses a truncated one or one with more than 256 entries. */
    public static List<byte[]> parse(byte[] bundle) {
        List<byte[]> entries = new ArrayList<>();
        int at = 0;
        while (at < bundle.length) {
            if (bundle.length - at < 2) {
                throw new IllegalArgumentException("bundle truncated in the length of entry " + entries.size());
            }
            int length = ((bundle[at] & 0xFF) << 8) | (bundle[at + 1] & 0xFF);
            at += 2;
            if (bundle.length - at < length) {
                throw new IllegalArgumentException("bundle truncated in entry " + entries.size() + " (" + length
                        + " bytes announced, " + (bundle.length - at) + " left)");
            }
            entries.add(java.util.Arrays.copyOfRange(bundle, at, at + length));
            at += length;
            if (entries.size() > TileMath.WIDTH) {
                throw new IllegalArgumentException("bundle has more than " + TileMath.WIDTH + " entries");
            }
        }
        return entries;
    }
}
