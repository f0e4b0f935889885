package io.pjctrl.audit.checkpoint;

import java.util.HexFormat;
import java.util.UUID;

/**
 * The latest tree-root (format 2) checkpoint of a chain as the public read API serves it: its tree size and root,
 * the id of the key that signed it and the signed note with every cosignature collected for it.
 */
public record PublishedCheckpoint(UUID id, String chainId, long size, byte[] root, String keyId, String note) {

    public PublishedCheckpoint {
        root = root.clone();
    }

    @Override
    public byte[] root() {
        return root.clone();
    }

    /** Parses the hex root_hash column. */
    static byte[] root(String hex) {
        return HexFormat.of().parseHex(hex.trim());
    }
}
