package io.pjctrl.contract.tlog;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A naive RFC 6962 section 2.1 tree, written from the RFC's recursive definitions (MTH, PATH, PROOF/SUBPROOF) and
 * nothing else, as the reference the production code is checked against. Test-only: it keeps every leaf and
 * recomputes subtrees (memoised so the exhaustive tests stay quick).
 */
final class ReferenceTree {

    private final List<byte[]> leaves = new ArrayList<>();
    private final Map<Long, byte[]> memo = new HashMap<>();

    void add(byte[] leafData) {
        leaves.add(leafData);
    }

    int size() {
        return leaves.size();
    }

    /** Leaf data of leaf {@code i} in the exhaustive tests: its index as 8 bytes. */
    static byte[] leafData(long i) {
        return java.nio.ByteBuffer.allocate(8).putLong(i).array();
    }

    static ReferenceTree ofSize(int size) {
        ReferenceTree tree = new ReferenceTree();
        for (int i = 0; i < size; i++) {
            tree.add(leafData(i));
        }
        return tree;
    }

    byte[] leafHash(int i) {
        return mth(i, i + 1);
    }

    /** MTH(D[0:n]). */
    byte[] root(int n) {
        return mth(0, n);
    }

    /** MTH(D[begin:end]), RFC 6962 2.1. */
    byte[] mth(int begin, int end) {
        int n = end - begin;
        if (n == 0) {
            return sha256(new byte[0]);
        }
        long key = ((long) begin << 32) | end;
        byte[] cached = memo.get(key);
        if (cached != null) {
            return cached;
        }
        byte[] hash;
        if (n == 1) {
            hash = sha256(concat(new byte[]{0x00}, leaves.get(begin)));
        } else {
            int k = largestPowerOfTwoBelow(n);
            hash = sha256(concat(new byte[]{0x01}, mth(begin, begin + k), mth(begin + k, end)));
        }
        memo.put(key, hash);
        return hash;
    }

    /** PATH(m, D[0:n]), RFC 6962 2.1.1: the inclusion proof of leaf m, leaf's sibling first. */
    List<byte[]> path(int m, int n) {
        return path(m, 0, n);
    }

    private List<byte[]> path(int m, int begin, int end) {
        int n = end - begin;
        if (n == 1) {
            return new ArrayList<>();
        }
        int k = largestPowerOfTwoBelow(n);
        List<byte[]> proof;
        if (m < k) {
            proof = path(m, begin, begin + k);
            proof.add(mth(begin + k, end));
        } else {
            proof = path(m - k, begin + k, end);
            proof.add(mth(begin, begin + k));
        }
        return proof;
    }

    /** PROOF(m, D[0:n]), RFC 6962 2.1.2. */
    List<byte[]> consistency(int m, int n) {
        return subproof(m, 0, n, true);
    }

    private List<byte[]> subproof(int m, int begin, int end, boolean b) {
        int n = end - begin;
        if (m == n) {
            List<byte[]> proof = new ArrayList<>();
            if (!b) {
                proof.add(mth(begin, end));
            }
            return proof;
        }
        int k = largestPowerOfTwoBelow(n);
        List<byte[]> proof;
        if (m <= k) {
            proof = subproof(m, begin, begin + k, b);
            proof.add(mth(begin + k, end));
        } else {
            proof = subproof(m - k, begin + k, end, false);
            proof.add(mth(begin, begin + k));
        }
        return proof;
    }

    /** A HashReader over this tree that serves only complete nodes, as a tile store would. */
    HashReader hashReader(int treeSize) {
        return nodes -> {
            byte[][] hashes = new byte[nodes.size()][];
            for (int i = 0; i < hashes.length; i++) {
                NodeId node = nodes.get(i);
                if (node.end() > treeSize) {
                    throw new IllegalStateException("node " + node + " is not complete at size " + treeSize);
                }
                hashes[i] = mth((int) node.begin(), (int) node.end());
            }
            return hashes;
        };
    }

    /** The largest power of two smaller than n (n > 1). */
    static int largestPowerOfTwoBelow(int n) {
        int k = Integer.highestOneBit(n);
        return k == n ? k >> 1 : k;
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
