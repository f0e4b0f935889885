package io.pjctrl.contract.tlog;

import java.util.Base64;

/**
 * Evidence that a stored tree does not extend a checkpoint held elsewhere (a witness's, the checkpoint topic's, an
 * auditor's): the held checkpoint, the stored size, and for {@link Kind#ROOT_DIFFERS} the root the stored hashes
 * give at the held size.
 */
public record InconsistentCheckpoint(Kind kind, String origin, long heldSize, byte[] heldRoot, long storedSize,
        byte[] storedRootAtHeldSize) {

    /** What is wrong. */
    public enum Kind {
        /** The stored tree has fewer leaves than the held checkpoint: entries were removed. */
        STORED_TREE_SMALLER,
        /** At the held size the stored tree has another root: entries up to that size were changed. */
        ROOT_DIFFERS
    }

    public InconsistentCheckpoint {
        heldRoot = heldRoot.clone();
        storedRootAtHeldSize = storedRootAtHeldSize == null ? null : storedRootAtHeldSize.clone();
    }

    @Override
    public byte[] heldRoot() {
        return heldRoot.clone();
    }

    /** The stored root at the held size; null when the stored tree is smaller. */
    @Override
    public byte[] storedRootAtHeldSize() {
        return storedRootAtHeldSize == null ? null : storedRootAtHeldSize.clone();
    }

    /** One sentence with the evidence, for an alert or a verify report. */
    public String describe() {
        String held = origin + " checkpoint of size " + heldSize + " with root "
                + Base64.getEncoder().encodeToString(heldRoot);
        return kind == Kind.STORED_TREE_SMALLER
                ? "stored tree has " + storedSize + " entries, fewer than the " + held
                : "stored tree's root at size " + heldSize + " is "
                        + Base64.getEncoder().encodeToString(storedRootAtHeldSize) + ", not that of the " + held;
    }
}
