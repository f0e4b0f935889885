package io.pjctrl.contract.tlog;

/** Receives every node hash that becomes final (its subtree is complete) while leaves are appended. */
@FunctionalInterface
public interface NodeVisitor {

    /** Called once per node, children before parents; {@code hash} must not be modified. */
    void visit(int level, long index, byte[] hash);

    /** A visitor that keeps nothing (for callers that only want roots). */
    NodeVisitor NONE = (level, index, hash) -> {
    };
}
