package io.pjctrl.contract.tlog;

import java.security.MessageDigest;
import java.util.List;

/**
 * Verification of RFC 6962 / RFC 9162 inclusion and consistency proofs, a port of transparency-dev/merkle's
 * {@code proof/verify.go}. Computing a root from a proof and comparing it with an expected root are separate steps:
 * {@code rootFrom...} throw {@link InvalidProofException} when the proof has the wrong shape, {@code verify...}
 * additionally throw {@link RootMismatchException} carrying both roots.
 */
public final class ProofVerifier {

    private ProofVerifier() {
    }

    /**
     * Checks that the leaf with hash {@code leafHash} is leaf {@code index} of the tree of {@code size} whose root is
     * {@code root}. Requires 0 <= index < size. {@code proof} is ordered from the leaf's sibling upwards.
     */
    public static void verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root) {
        byte[] calculated = rootFromInclusionProof(index, size, leafHash, proof);
        requireMatch("inclusion proof of leaf " + index + " in tree of size " + size, root, calculated);
    }

    /** The root of the tree of {@code size} that {@code proof} yields for leaf {@code index} with {@code leafHash}. */
    public static byte[] rootFromInclusionProof(long index, long size, byte[] leafHash, List<byte[]> proof) {
        if (index < 0 || index >= size) {
            throw new InvalidProofException("index " + index + " is beyond tree size " + size);
        }
        requireHash(leafHash, "leaf hash");
        requireHashes(proof);
        int inner = innerProofSize(index, size);
        int border = Long.bitCount(index >>> inner);
        if (proof.size() != inner + border) {
            throw new InvalidProofException("inclusion proof of leaf " + index + " in tree of size " + size
                    + " has " + (inner + border) + " hashes, got " + proof.size());
        }
        byte[] hash = chainInner(leafHash, proof.subList(0, inner), index);
        return chainBorderRight(hash, proof.subList(inner, proof.size()));
    }

    /**
     * Checks that the tree of {@code size2} with root {@code root2} extends the tree of {@code size1} with root
     * {@code root1}. Requires 0 < size1 <= size2 (a consistency proof from the empty tree is meaningless; equal sizes
     * need an empty proof and equal roots).
     */
    public static void verifyConsistency(long size1, long size2, List<byte[]> proof, byte[] root1, byte[] root2) {
        byte[] calculated = rootFromConsistencyProof(size1, size2, proof, root1);
        requireMatch("consistency proof from size " + size1 + " to " + size2, root2, calculated);
    }

    /**
     * The root of the tree of {@code size2} that {@code proof} yields from the tree of {@code size1} with
     * {@code root1}. Throws {@link RootMismatchException} when the proof's hashes inside the first tree do not
     * rebuild {@code root1}.
     */
    public static byte[] rootFromConsistencyProof(long size1, long size2, List<byte[]> proof, byte[] root1) {
        if (size2 < size1) {
            throw new InvalidProofException("size2 (" + size2 + ") < size1 (" + size1 + ")");
        }
        if (size1 <= 0) {
            throw new InvalidProofException("consistency proof from an empty tree is meaningless (size1 = " + size1
                    + ")");
        }
        requireHash(root1, "root1");
        requireHashes(proof);
        if (size1 == size2) {
            if (!proof.isEmpty()) {
                throw new InvalidProofException("size1 = size2 = " + size1 + " but the proof is not empty");
            }
            return root1.clone();
        }
        if (proof.isEmpty()) {
            throw new InvalidProofException("empty consistency proof from size " + size1 + " to " + size2);
        }
        int inner = innerProofSize(size1 - 1, size2);
        int shift = Long.numberOfTrailingZeros(size1);
        inner -= shift;
        // The first hash is the root of the largest perfect subtree ending at size1, unless size1 is a power of two:
        // then that subtree is the first tree itself, whose root the verifier holds.
        byte[] seed = proof.get(0);
        int start = 1;
        if (size1 == 1L << shift) {
            seed = root1;
            start = 0;
        }
        long mask = (size1 - 1) >>> shift;
        int border = Long.bitCount(mask >>> inner);
        if (proof.size() != start + inner + border) {
            throw new InvalidProofException("consistency proof from size " + size1 + " to " + size2 + " has "
                    + (start + inner + border) + " hashes, got " + proof.size());
        }
        List<byte[]> rest = proof.subList(start, proof.size());
        byte[] hash1 = chainInnerRight(seed, rest.subList(0, inner), mask);
        hash1 = chainBorderRight(hash1, rest.subList(inner, rest.size()));
        requireMatch("consistency proof from size " + size1 + " to " + size2 + " (first tree)", root1, hash1);
        byte[] hash2 = chainInner(seed, rest.subList(0, inner), mask);
        return chainBorderRight(hash2, rest.subList(inner, rest.size()));
    }

    /** Height of the node where the paths to leaves {@code index} and {@code size - 1} diverge. */
    private static int innerProofSize(long index, long size) {
        return TreeMath.bitLength(index ^ (size - 1));
    }

    private static byte[] chainInner(byte[] seed, List<byte[]> proof, long index) {
        for (int i = 0; i < proof.size(); i++) {
            seed = ((index >>> i) & 1) == 0
                    ? Rfc6962.hashChildren(seed, proof.get(i))
                    : Rfc6962.hashChildren(proof.get(i), seed);
        }
        return seed;
    }

    private static byte[] chainInnerRight(byte[] seed, List<byte[]> proof, long index) {
        for (int i = 0; i < proof.size(); i++) {
            if (((index >>> i) & 1) == 1) {
                seed = Rfc6962.hashChildren(proof.get(i), seed);
            }
        }
        return seed;
    }

    private static byte[] chainBorderRight(byte[] seed, List<byte[]> proof) {
        for (byte[] hash : proof) {
            seed = Rfc6962.hashChildren(hash, seed);
        }
        return seed;
    }

    private static void requireMatch(String what, byte[] expected, byte[] calculated) {
        requireHash(expected, "expected root");
        if (!MessageDigest.isEqual(expected, calculated)) {
            throw new RootMismatchException(what, expected, calculated);
        }
    }

    private static void requireHashes(List<byte[]> proof) {
        for (int i = 0; i < proof.size(); i++) {
            requireHash(proof.get(i), "proof hash " + i);
        }
    }

    private static void requireHash(byte[] hash, String what) {
        if (hash == null || hash.length != Rfc6962.HASH_SIZE) {
            throw new InvalidProofException(what + " must be " + Rfc6962.HASH_SIZE + " bytes, got "
                    + (hash == null ? "none" : hash.length));
        }
    }
}
