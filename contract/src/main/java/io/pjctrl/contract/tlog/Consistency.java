package io.pjctrl.contract.tlog;

import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * Holding a stored tree to checkpoints: the check a log makes before it signs (never two inconsistent checkpoints
 * for one origin) and the check verify makes against checkpoints held outside the database. Both read only stored
 * complete-node hashes; neither checks that the stored entries still hash to those leaves (the caller verifies
 * entries against level 0 separately).
 */
public final class Consistency {

    private Consistency() {
    }

    /**
     * Compares a checkpoint held elsewhere with the stored tree of {@code storedSize} leaves: empty when the stored
     * tree extends it, else the evidence. The stored root at the held size comes from the stored hashes.
     */
    public static Optional<InconsistentCheckpoint> compare(Checkpoint held, long storedSize, HashReader stored) {
        if (storedSize < held.size()) {
            return Optional.of(new InconsistentCheckpoint(InconsistentCheckpoint.Kind.STORED_TREE_SMALLER,
                    held.origin(), held.size(), held.rootHash(), storedSize, null));
        }
        byte[] storedRoot = CompactRange.load(held.size(), new SizedReader(storedSize, stored)).root();
        if (!MessageDigest.isEqual(storedRoot, held.rootHash())) {
            return Optional.of(new InconsistentCheckpoint(InconsistentCheckpoint.Kind.ROOT_DIFFERS, held.origin(),
                    held.size(), held.rootHash(), storedSize, storedRoot));
        }
        return Optional.empty();
    }

    /**
     * The consistency proof from the previously signed checkpoint to the tree of {@code newSize} with root
     * {@code newRoot}, built from stored hashes and verified against both roots before it is returned; the proof to
     * send a witness with the new checkpoint. Throws {@link RootMismatchException} (with both roots) when the
     * stored tree no longer extends what was signed, {@link InvalidProofException} when the tree shrank: in both
     * cases the log must not sign.
     */
    public static List<byte[]> proveExtends(Checkpoint previous, long newSize, byte[] newRoot, HashReader stored) {
        if (newSize < previous.size()) {
            throw new InvalidProofException("tree of size " + newSize + " is smaller than the signed size "
                    + previous.size());
        }
        if (previous.size() == 0) {
            if (!MessageDigest.isEqual(previous.rootHash(), Rfc6962.emptyRoot())) {
                throw new RootMismatchException("signed checkpoint of size 0", Rfc6962.emptyRoot(),
                        previous.rootHash());
            }
            return List.of();
        }
        List<byte[]> proof = ProofNodes.consistency(previous.size(), newSize).read(stored);
        ProofVerifier.verifyConsistency(previous.size(), newSize, proof, previous.rootHash(), newRoot);
        return proof;
    }

    /** Refuses to read past the stored size, so a comparison never trusts nodes beyond it. */
    private record SizedReader(long size, HashReader stored) implements HashReader {

        @Override
        public byte[][] readHashes(List<NodeId> nodes) {
            for (NodeId node : nodes) {
                if (node.end() > size) {
                    throw new IllegalStateException("node " + node + " is beyond the stored size " + size);
                }
            }
            return stored.readHashes(nodes);
        }
    }
}
