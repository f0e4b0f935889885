package io.pjctrl.audit.checkpoint;

import java.util.HexFormat;
import java.util.List;
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

    /**
     * The same checkpoint with the witnesses' cosignature lines appended to its note, one line each (the signed note
     * ends with a newline, so each line follows it directly): the cosigned note a C2SP client verifies.
     */
    PublishedCheckpoint withCosignatures(List<CosignatureView> cosignatures) {
        StringBuilder cosigned = new StringBuilder(note);
        cosignatures.forEach(c -> cosigned.append(c.signatureLine()).append('\n'));
        return new PublishedCheckpoint(id, chainId, size, root, keyId, cosigned.toString());
    }

    /** Parses the hex root_hash column. */
    static byte[] root(String hex) {
        return HexFormat.of().parseHex(hex.trim());
    }
}
