package io.pjctrl.contract.tlog;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The incremental state of a tree over leaves {@code [0, size)}: the roots of its perfect subtrees (one per set bit
 * of {@code size}, largest first), after transparency-dev/merkle's {@code compact.Range}. Appending a leaf costs its
 * merges, one node hash per leaf amortised (so with the leaf hash about two hashes per entry); every node that
 * becomes complete is handed to a {@link NodeVisitor} so the caller can store it as a tile hash.
 *
 * <p>
 * Not thread-safe: one chain, one writer. {@link #toBytes()} / {@link #fromBytes(byte[])} persist it between
 * transactions; {@link #load(long, HashReader)} rebuilds it from stored node hashes.
 */
public final class CompactRange {

    private long size;
    private final List<byte[]> hashes;

    private CompactRange(long size, List<byte[]> hashes) {
        this.size = size;
        this.hashes = hashes;
    }

    /** The range of the empty tree. */
    public static CompactRange empty() {
        return new CompactRange(0, new ArrayList<>(64));
    }

    /**
     * A range of {@code size} leaves from its border hashes, largest subtree first, exactly
     * {@code Long.bitCount(size)} of them.
     */
    public static CompactRange of(long size, List<byte[]> borderHashes) {
        TreeMath.requireSize(size, "size");
        if (borderHashes.size() != Long.bitCount(size)) {
            throw new IllegalArgumentException("a range of size " + size + " has " + Long.bitCount(size)
                    + " border hashes, got " + borderHashes.size());
        }
        List<byte[]> copy = new ArrayList<>(64);
        for (byte[] hash : borderHashes) {
            Rfc6962.requireHash(hash, "border hash");
            copy.add(hash.clone());
        }
        return new CompactRange(size, copy);
    }

    /** The range of {@code size} leaves read from stored node hashes ({@code Long.bitCount(size)} reads). */
    public static CompactRange load(long size, HashReader reader) {
        TreeMath.requireSize(size, "size");
        List<NodeId> nodes = borderNodes(size);
        return of(size, Arrays.asList(reader.readHashes(nodes)));
    }

    /** The nodes whose hashes form the range of {@code size} leaves, largest first. */
    public static List<NodeId> borderNodes(long size) {
        return TreeMath.rangeNodes(0, size);
    }

    public long size() {
        return size;
    }

    /** The border hashes, largest subtree first (copies). */
    public List<byte[]> borderHashes() {
        List<byte[]> copy = new ArrayList<>(hashes.size());
        hashes.forEach(hash -> copy.add(hash.clone()));
        return copy;
    }

    /**
     * Appends the leaf with hash {@code leafHash} (already {@code SHA-256(0x00 || data)}) as leaf number
     * {@code size()}. The visitor sees the leaf itself at level 0 and then every node it completes, lowest first.
     */
    public void append(byte[] leafHash, NodeVisitor visitor) {
        Rfc6962.requireHash(leafHash, "leaf hash");
        if (size == Long.MAX_VALUE) {
            throw new IllegalStateException("tree is full");
        }
        byte[] hash = leafHash.clone();
        visitor.visit(0, size, hash);
        int level = 0;
        while (((size >>> level) & 1) == 1) {
            hash = Rfc6962.hashChildren(hashes.remove(hashes.size() - 1), hash);
            level++;
            visitor.visit(level, size >>> level, hash);
        }
        hashes.add(hash);
        size++;
    }

    /** Appends the leaf whose data is {@code leafData}, hashing it first. */
    public void appendData(byte[] leafData, NodeVisitor visitor) {
        append(Rfc6962.hashLeaf(leafData), visitor);
    }

    /** The RFC 6962 root of the tree of {@code size()} leaves ({@code Long.bitCount(size) - 1} hashes). */
    public byte[] root() {
        if (hashes.isEmpty()) {
            return Rfc6962.emptyRoot();
        }
        byte[] root = hashes.get(hashes.size() - 1).clone();
        for (int i = hashes.size() - 2; i >= 0; i--) {
            root = Rfc6962.hashChildren(hashes.get(i), root);
        }
        return root;
    }

    /** A copy that can be appended to independently (e.g. to try a batch before committing it). */
    public CompactRange copy() {
        return new CompactRange(size, new ArrayList<>(hashes));
    }

    /** {@code uint64 size || border hashes}, big-endian, largest subtree first: 8 + 32 * bitCount(size) bytes. */
    public byte[] toBytes() {
        ByteBuffer buffer = ByteBuffer.allocate(Long.BYTES + hashes.size() * Rfc6962.HASH_SIZE);
        buffer.putLong(size);
        hashes.forEach(buffer::put);
        return buffer.array();
    }

    /** Reads {@link #toBytes()}; refuses a length that does not match the size. */
    public static CompactRange fromBytes(byte[] bytes) {
        if (bytes.length < Long.BYTES) {
            throw new IllegalArgumentException("compact range needs at least 8 bytes, got " + bytes.length);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long size = buffer.getLong();
        TreeMath.requireSize(size, "size");
        int count = Long.bitCount(size);
        if (bytes.length != Long.BYTES + count * Rfc6962.HASH_SIZE) {
            throw new IllegalArgumentException("compact range of size " + size + " is "
                    + (Long.BYTES + count * Rfc6962.HASH_SIZE) + " bytes, got " + bytes.length);
        }
        List<byte[]> hashes = new ArrayList<>(64);
        for (int i = 0; i < count; i++) {
            byte[] hash = new byte[Rfc6962.HASH_SIZE];
            buffer.get(hash);
            hashes.add(hash);
        }
        return new CompactRange(size, hashes);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof CompactRange that) || that.size != size) {
            return false;
        }
        for (int i = 0; i < hashes.size(); i++) {
            if (!Arrays.equals(hashes.get(i), that.hashes.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(size) * 31 + (hashes.isEmpty() ? 0 : Arrays.hashCode(hashes.get(hashes.size() - 1)));
    }

    @Override
    public String toString() {
        return "CompactRange[size=" + size + "]";
    }
}
