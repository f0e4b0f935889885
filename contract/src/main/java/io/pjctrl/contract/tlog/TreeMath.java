package io.pjctrl.contract.tlog;

import java.util.ArrayList;
import java.util.List;

/** Node arithmetic of RFC 6962 trees, after transparency-dev/merkle's {@code compact} package. */
final class TreeMath {

    private TreeMath() {
    }

    /** {@code bits.Len64}: the number of bits needed to write {@code x}. */
    static int bitLength(long x) {
        return 64 - Long.numberOfLeadingZeros(x);
    }

    /**
     * The perfect subtrees covering leaves {@code [begin, end)} (the compact range), appended to {@code out}: first
     * the left border ordered by increasing level, then the right border ordered by decreasing level, so the result
     * is sorted by position. For {@code begin == 0} that is the root nodes, largest first.
     */
    static List<NodeId> rangeNodes(long begin, long end, List<NodeId> out) {
        long[] parts = decompose(begin, end);
        long left = parts[0];
        long right = parts[1];
        long pos = begin;
        while (left != 0) {
            int level = Long.numberOfTrailingZeros(left);
            out.add(new NodeId(level, pos >>> level));
            pos += 1L << level;
            left ^= 1L << level;
        }
        while (right != 0) {
            int level = bitLength(right) - 1;
            out.add(new NodeId(level, pos >>> level));
            pos += 1L << level;
            right ^= 1L << level;
        }
        return out;
    }

    static List<NodeId> rangeNodes(long begin, long end) {
        return rangeNodes(begin, end, new ArrayList<>());
    }

    static int rangeSize(long begin, long end) {
        long[] parts = decompose(begin, end);
        return Long.bitCount(parts[0]) + Long.bitCount(parts[1]);
    }

    /** The bit masks of the left and right borders of the compact range {@code [begin, end)}. */
    private static long[] decompose(long begin, long end) {
        if (begin == 0) {
            return new long[]{0, end};
        }
        long xbegin = begin - 1;
        int d = bitLength(xbegin ^ end) - 1;
        long mask = (1L << d) - 1;
        return new long[]{~xbegin & mask, end & mask};
    }

    static void requireSize(long size, String what) {
        if (size < 0) {
            throw new IllegalArgumentException(what + " must not be negative, got " + size);
        }
    }
}
