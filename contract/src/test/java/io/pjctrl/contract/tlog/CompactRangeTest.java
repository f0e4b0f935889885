package io.pjctrl.contract.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class CompactRangeTest {

    @Test
    void shouldYieldTheRootsOfTheRfc6962TestTree() {
        JsonNode tree = Vectors.load("rfc6962-tree.json");
        CompactRange range = CompactRange.empty();
        List<byte[]> roots = Vectors.hexList(tree.get("rootHashes"));
        assertThat(range.root()).isEqualTo(roots.get(0));
        Map<NodeId, byte[]> visited = new HashMap<>();
        int size = 0;
        for (JsonNode leaf : tree.get("leafInputs")) {
            range.appendData(Vectors.hex(leaf), (level, index, hash) -> visited.put(new NodeId(level, index), hash));
            size++;
            assertThat(range.root()).as("root at size %d", size).isEqualTo(roots.get(size));
        }
        JsonNode levels = tree.get("nodeHashes");
        int expectedNodes = 0;
        for (int level = 0; level < levels.size(); level++) {
            for (int index = 0; index < levels.get(level).size(); index++) {
                assertThat(visited.get(new NodeId(level, index))).as("node (%d,%d)", level, index)
                        .isEqualTo(Vectors.hex(levels.get(level).get(index)));
                expectedNodes++;
            }
        }
        assertThat(visited).hasSize(expectedNodes);
    }

    @Test
    void shouldMatchTheReferenceTreeAtEverySizeUpTo300() {
        ReferenceTree reference = ReferenceTree.ofSize(300);
        CompactRange range = CompactRange.empty();
        assertThat(range.root()).isEqualTo(reference.root(0));
        for (int size = 1; size <= 300; size++) {
            range.appendData(ReferenceTree.leafData(size - 1), NodeVisitor.NONE);
            assertThat(range.root()).as("root at size %d", size).isEqualTo(reference.root(size));
            assertThat(range.size()).isEqualTo(size);
        }
    }

    @Test
    void shouldMatchTheReferenceTreeAtRandomBiggerSizes() {
        Random random = new Random(15);
        int max = 5000;
        ReferenceTree reference = ReferenceTree.ofSize(max);
        List<Integer> checkpoints = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            checkpoints.add(301 + random.nextInt(max - 301));
        }
        checkpoints.add(max);
        CompactRange range = CompactRange.empty();
        for (int size = 1; size <= max; size++) {
            range.appendData(ReferenceTree.leafData(size - 1), NodeVisitor.NONE);
            if (checkpoints.contains(size)) {
                assertThat(range.root()).as("root at size %d", size).isEqualTo(reference.root(size));
            }
        }
    }

    @Test
    void shouldVisitEveryCompleteNodeOnceWithItsReferenceHash() {
        int size = 1000;
        ReferenceTree reference = ReferenceTree.ofSize(size);
        Map<NodeId, byte[]> visited = new HashMap<>();
        CompactRange range = CompactRange.empty();
        for (int i = 0; i < size; i++) {
            range.appendData(ReferenceTree.leafData(i), (level, index, hash) -> {
                assertThat(visited.put(new NodeId(level, index), hash)).as("(%d,%d) visited twice", level, index)
                        .isNull();
            });
        }
        int complete = 0;
        for (int level = 0; (1 << level) <= size; level++) {
            for (long index = 0; (index + 1) << level <= size; index++) {
                NodeId node = new NodeId(level, index);
                assertThat(visited.get(node)).as("node %s", node)
                        .isEqualTo(reference.mth((int) node.begin(), (int) node.end()));
                complete++;
            }
        }
        // size leaves + (size - bitCount(size)) interior nodes: one node hash per leaf, amortised
        assertThat(visited).hasSize(complete).hasSize(2 * size - Integer.bitCount(size));
    }

    @Test
    void shouldSurviveASerialisationRoundTripAndKeepAppending() {
        ReferenceTree reference = ReferenceTree.ofSize(600);
        CompactRange range = CompactRange.empty();
        for (int i = 0; i < 600; i++) {
            CompactRange restored = CompactRange.fromBytes(range.toBytes());
            assertThat(restored).isEqualTo(range);
            assertThat(restored.toBytes()).hasSize(8 + 32 * Long.bitCount(i));
            restored.appendData(ReferenceTree.leafData(i), NodeVisitor.NONE);
            range = restored;
        }
        assertThat(range.root()).isEqualTo(reference.root(600));
    }

    @Test
    void shouldLoadFromStoredNodesAtAnySize() {
        ReferenceTree reference = ReferenceTree.ofSize(300);
        for (int size = 0; size <= 300; size++) {
            CompactRange loaded = CompactRange.load(size, reference.hashReader(size));
            assertThat(loaded.root()).as("root at size %d", size).isEqualTo(reference.root(size));
            if (size < 300) {
                loaded.appendData(ReferenceTree.leafData(size), NodeVisitor.NONE);
                assertThat(loaded.root()).isEqualTo(reference.root(size + 1));
            }
        }
    }

    @Test
    void shouldLeaveTheOriginalAloneWhenACopyIsAppendedTo() {
        CompactRange range = CompactRange.empty();
        range.appendData(ReferenceTree.leafData(0), NodeVisitor.NONE);
        byte[] root = range.root();
        CompactRange copy = range.copy();
        copy.appendData(ReferenceTree.leafData(1), NodeVisitor.NONE);

        assertThat(range.size()).isEqualTo(1);
        assertThat(range.root()).isEqualTo(root);
        assertThat(copy.size()).isEqualTo(2);
    }

    @Test
    void shouldRefuseSerialisedBytesWhoseLengthDoesNotMatchTheSize() {
        CompactRange range = CompactRange.empty();
        for (int i = 0; i < 3; i++) {
            range.appendData(ReferenceTree.leafData(i), NodeVisitor.NONE);
        }
        byte[] bytes = range.toBytes();
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 1);

        assertThatThrownBy(() -> CompactRange.fromBytes(truncated)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("size 3");
        assertThatThrownBy(() -> CompactRange.fromBytes(new byte[3])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CompactRange.of(3, List.of(new byte[32])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 border hashes");
    }

    @Test
    void shouldRefuseALeafHashOfTheWrongLength() {
        assertThatThrownBy(() -> CompactRange.empty().append(new byte[31], NodeVisitor.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    }
}
