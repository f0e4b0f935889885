package io.pjctrl.audit.tlog;

import java.util.HexFormat;

import io.pjctrl.contract.tlog.CompactRange;

/**
 * The Merkle tree of one chain as built so far: {@code size} leaves (the entries of seq 1..size), its RFC 6962
 * {@code root} and the compact range the next append continues from. The size lags the chain's head while the
 * {@link TreeBuilder} catches up with entries stored before the tree existed.
 */
public record TreeState(String chainId, long size, byte[] root, CompactRange range) {

    /** The tree of a chain without leaves. */
    public static TreeState empty(String chainId) {
        CompactRange range = CompactRange.empty();
        return new TreeState(chainId, 0, range.root(), range);
    }

    /** The root as 64 lower-case hex characters. */
    public String rootHex() {
        return HexFormat.of().formatHex(root);
    }

    @Override
    public byte[] root() {
        return root.clone();
    }
}
