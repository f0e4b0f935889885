package io.pjctrl.audit.tlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.pjctrl.contract.tlog.ProofNodes;
import io.pjctrl.contract.tlog.ProofVerifier;
import io.pjctrl.contract.tlog.Rfc6962;
import io.pjctrl.contract.tlog.TileHashReader;
import io.pjctrl.contract.tlog.TileId;

/**
 * The tiles the appender produces, batch after batch of uneven sizes across tile boundaries, are exactly the node
 * hashes of a naive RFC 6962 tree, and proofs read from them verify.
 */
class TreeAppenderTest {

    private final Map<String, ByteArrayOutputStream> tiles = new HashMap<>();

    @Test
    void shouldProduceTheTilesOfTheNaiveTreeBatchAfterBatch() {
        Random random = new Random(6962);
        List<byte[]> leaves = new ArrayList<>();
        TreeState tree = TreeState.empty("events-0");
        while (leaves.size() < 66_000) {
            int batch = leaves.isEmpty() ? 1 : 1 + random.nextInt(leaves.size() < 1_000 ? 40 : 3_000);
            List<byte[]> data = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                data.add(leafData(leaves.size() + i));
            }
            TreeAppender.Result result = TreeAppender.append(tree, data);
            result.tiles().forEach(this::store);
            leaves.addAll(data);
            tree = result.tree();

            assertThat(tree.size()).isEqualTo(leaves.size());
            if (leaves.size() < 2_000 || random.nextInt(8) == 0) {
                assertThat(tree.root()).isEqualTo(naiveRoot(leaves, 0, leaves.size()));
            }
        }

        long size = tree.size();
        // Level 0: leaf hashes, level 1: nodes of height 8, level 2: height 16 (66 000 leaves reach it).
        for (int level = 0; level <= 2; level++) {
            int height = 8 * level;
            long complete = size >>> height;
            for (long node = 0; node < complete; node += 1 + random.nextInt(level == 0 ? 97 : 3)) {
                byte[] stored = Arrays.copyOfRange(bytes(level, node / 256), (int) (node % 256) * 32,
                        (int) (node % 256) * 32 + 32);
                assertThat(stored).as("node %d at height %d", node, height)
                        .isEqualTo(naiveRoot(leaves, node << height, (node + 1) << height));
            }
        }
        assertThat(bytes(TreeAppender.ENTRIES_LEVEL, 3)).isEqualTo(concat(leaves.subList(768, 1024)));
    }

    @Test
    void shouldServeInclusionProofsThatVerifyForEveryIndexOfATreeSpanningTiles() {
        List<byte[]> leaves = new ArrayList<>();
        TreeState tree = TreeState.empty("events-1");
        for (int batch : new int[]{1, 2, 250, 3, 300, 1, 100}) {
            List<byte[]> data = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                data.add(leafData(leaves.size() + i));
            }
            TreeAppender.Result result = TreeAppender.append(tree, data);
            result.tiles().forEach(this::store);
            leaves.addAll(data);
            tree = result.tree();
        }
        long size = tree.size();
        TileHashReader reader = new TileHashReader(size, this::read);

        for (long index = 0; index < size; index++) {
            List<byte[]> proof = ProofNodes.inclusion(index, size).read(reader);
            ProofVerifier.verifyInclusion(index, size, Rfc6962.hashLeaf(leaves.get((int) index)), proof, tree.root());
        }
    }

    private void store(TreeAppender.TileAppend append) {
        ByteArrayOutputStream tile = tiles.computeIfAbsent(append.level() + "/" + append.index(),
                key -> new ByteArrayOutputStream());
        assertThat(tile.size()).as("tile %s/%s grows at its end", append.level(), append.index())
                .isEqualTo(append.start() * 32);
        tile.writeBytes(append.hashes());
    }

    private byte[][] read(List<TileId> wanted) {
        byte[][] data = new byte[wanted.size()][];
        for (int i = 0; i < data.length; i++) {
            data[i] = Arrays.copyOf(bytes(wanted.get(i).level(), wanted.get(i).index()), wanted.get(i).byteLength());
        }
        return data;
    }

    private byte[] bytes(int level, long index) {
        return tiles.get(level + "/" + index).toByteArray();
    }

    private static byte[] leafData(long i) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(ByteBuffer.allocate(8).putLong(i).array());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 6962 MTH of leaves [begin, end), by the definition (split at the largest power of two below the size). */
    private static byte[] naiveRoot(List<byte[]> leaves, long begin, long end) {
        long n = end - begin;
        if (n == 1) {
            return Rfc6962.hashLeaf(leaves.get((int) begin));
        }
        long k = Long.highestOneBit(n - 1);
        return Rfc6962.hashChildren(naiveRoot(leaves, begin, begin + k), naiveRoot(leaves, begin + k, end));
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
