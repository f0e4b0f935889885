package io.pjctrl.contract.tlog;

/**
 * A node of the Merkle tree: {@code level} 0 holds the leaves, the node {@code (level, index)} is the root of the
 * perfect subtree over leaves {@code [index << level, (index + 1) << level)}.
 */
public record NodeId(int level, long index) {

    public NodeId {
        if (level < 0 || level > 63 || index < 0) {
            throw new IllegalArgumentException("no node at level " + level + ", index " + index);
        }
    }

    /** First leaf under this node. */
    public long begin() {
        return index << level;
    }

    /** One past the last leaf under this node. */
    public long end() {
        return (index + 1) << level;
    }

    public NodeId parent() {
        return new NodeId(level + 1, index >> 1);
    }

    public NodeId sibling() {
        return new NodeId(level, index ^ 1);
    }

    @Override
    public String toString() {
        return "(" + level + "," + index + ")";
    }
}
