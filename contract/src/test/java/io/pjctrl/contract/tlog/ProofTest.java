package io.pjctrl.contract.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Proofs built from stored nodes, checked against the naive RFC 6962 reference tree and published vectors. */
class ProofTest {

    private static final int MAX = 300;
    private static final String STRICTER_THAN_GO = "testdata/consistency/additional/sizes-are-equal-one-and-proof-is-empty.json";
    private static ReferenceTree reference;

    @BeforeAll
    static void buildReference() {
        reference = ReferenceTree.ofSize(MAX);
    }

    @Test
    void shouldBuildTheReferenceInclusionProofForEveryIndexOfEverySizeUpTo300() {
        int proofs = 0;
        for (int size = 1; size <= MAX; size++) {
            HashReader stored = reference.hashReader(size);
            for (int index = 0; index < size; index++) {
                List<byte[]> proof = ProofNodes.inclusion(index, size).read(stored);
                assertThat(proof).as("inclusion proof of %d in %d", index, size)
                        .containsExactlyElementsOf(reference.path(index, size));
                ProofVerifier.verifyInclusion(index, size, reference.leafHash(index), proof, reference.root(size));
                proofs++;
            }
        }
        assertThat(proofs).isEqualTo(MAX * (MAX + 1) / 2);
    }

    @Test
    void shouldBuildTheReferenceConsistencyProofForEveryPairOfSizesUpTo300() {
        int proofs = 0;
        for (int size2 = 1; size2 <= MAX; size2++) {
            HashReader stored = reference.hashReader(size2);
            for (int size1 = 1; size1 <= size2; size1++) {
                List<byte[]> proof = ProofNodes.consistency(size1, size2).read(stored);
                assertThat(proof).as("consistency proof %d -> %d", size1, size2)
                        .containsExactlyElementsOf(reference.consistency(size1, size2));
                ProofVerifier.verifyConsistency(size1, size2, proof, reference.root(size1), reference.root(size2));
                proofs++;
            }
        }
        assertThat(proofs).isEqualTo(MAX * (MAX + 1) / 2);
    }

    @Test
    void shouldReadTheSameProofsFromTilesAcrossTheFirstTileBoundary() {
        // sizes up to 300 cross 256, where the level-1 tile starts: every proof read through TileHashReader from
        // a store of only tile-level nodes must equal the reference
        TileStore store = TileStore.ofSize(MAX);
        for (int size = 1; size <= MAX; size++) {
            TileHashReader tiles = new TileHashReader(size, store);
            for (int index = 0; index < size; index++) {
                assertThat(ProofNodes.inclusion(index, size).read(tiles)).as("inclusion of %d in %d", index, size)
                        .containsExactlyElementsOf(reference.path(index, size));
                assertThat(ProofNodes.consistency(index + 1, size).read(tiles))
                        .as("consistency %d -> %d", index + 1, size)
                        .containsExactlyElementsOf(reference.consistency(index + 1, size));
            }
            assertThat(CompactRange.load(size, tiles).root()).isEqualTo(reference.root(size));
        }
    }

    @Test
    void shouldRejectEveryInclusionProofWithOneHashFlipped() {
        for (int size = 1; size <= 64; size++) {
            for (int index = 0; index < size; index++) {
                List<byte[]> proof = reference.path(index, size);
                for (int i = 0; i < proof.size(); i++) {
                    List<byte[]> forged = flip(proof, i);
                    int at = index;
                    int of = size;
                    assertThatThrownBy(() -> ProofVerifier.verifyInclusion(at, of, reference.leafHash(at), forged,
                            reference.root(of))).isInstanceOf(RootMismatchException.class);
                }
            }
        }
    }

    @Test
    void shouldRejectEveryConsistencyProofWithOneHashFlipped() {
        for (int size2 = 2; size2 <= 64; size2++) {
            for (int size1 = 1; size1 < size2; size1++) {
                List<byte[]> proof = reference.consistency(size1, size2);
                for (int i = 0; i < proof.size(); i++) {
                    List<byte[]> forged = flip(proof, i);
                    int from = size1;
                    int to = size2;
                    assertThatThrownBy(() -> ProofVerifier.verifyConsistency(from, to, forged, reference.root(from),
                            reference.root(to))).as("flipped hash %d of %d -> %d", i, from, to)
                            .isInstanceOf(RootMismatchException.class);
                }
            }
        }
    }

    @Test
    void shouldRejectATruncatedLogAsInconsistentWithItsEarlierCheckpoint() {
        // The log signed size 200; its database now holds a different tail from leaf 150 on.
        ReferenceTree rewritten = new ReferenceTree();
        for (int i = 0; i < 250; i++) {
            rewritten.add(i < 150 ? ReferenceTree.leafData(i) : ReferenceTree.leafData(10_000 + i));
        }
        List<byte[]> proof = ProofNodes.consistency(200, 250).read(rewritten.hashReader(250));

        assertThatThrownBy(() -> ProofVerifier.verifyConsistency(200, 250, proof, reference.root(200),
                rewritten.root(250)))
                .isInstanceOfSatisfying(RootMismatchException.class, mismatch -> {
                    assertThat(mismatch.expectedRoot()).isEqualTo(reference.root(200));
                    assertThat(mismatch.calculatedRoot()).isEqualTo(rewritten.root(200));
                });
    }

    @Test
    void shouldReadOnlyCompleteNodes() {
        // The reader refuses incomplete nodes, so every proof above was built without recomputing the tree; this
        // checks the refusal itself is real.
        assertThatThrownBy(() -> reference.hashReader(5).readHashes(List.of(new NodeId(1, 2))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(ProofNodes.inclusion(4, 5).ids()).containsExactly(new NodeId(2, 0));
        // (0,6) and (1,2) make up the ephemeral node over leaves [4, 7): read as stored, rehashed into one proof hash
        assertThat(ProofNodes.consistency(3, 7).ids()).containsExactly(new NodeId(0, 2), new NodeId(0, 3),
                new NodeId(1, 0), new NodeId(0, 6), new NodeId(1, 2));
        assertThat(ProofNodes.consistency(3, 7).read(reference.hashReader(7)))
                .containsExactlyElementsOf(reference.consistency(3, 7));
    }

    @Test
    void shouldMatchTheRfc6962TestTreeProofs() {
        JsonNode tree = Vectors.load("rfc6962-tree.json");
        ReferenceTree ct = new ReferenceTree();
        tree.get("leafInputs").forEach(leaf -> ct.add(Vectors.hex(leaf)));
        List<byte[]> roots = Vectors.hexList(tree.get("rootHashes"));
        for (JsonNode vector : tree.get("inclusionProofs")) {
            int index = vector.get("index").asInt();
            int size = vector.get("size").asInt();
            List<byte[]> proof = ProofNodes.inclusion(index, size).read(ct.hashReader(size));
            assertThat(proof).containsExactlyElementsOf(Vectors.hexList(vector.get("proof")));
            ProofVerifier.verifyInclusion(index, size, Rfc6962.hashLeaf(Vectors.hex(tree.get("leafInputs").get(index))),
                    proof, roots.get(size));
        }
        for (JsonNode vector : tree.get("consistencyProofs")) {
            int size1 = vector.get("size1").asInt();
            int size2 = vector.get("size2").asInt();
            List<byte[]> proof = ProofNodes.consistency(size1, size2).read(ct.hashReader(size2));
            assertThat(proof).containsExactlyElementsOf(Vectors.hexList(vector.get("proof")));
            ProofVerifier.verifyConsistency(size1, size2, proof, roots.get(size1), roots.get(size2));
        }
    }

    @Test
    void shouldAgreeWithEveryTransparencyDevInclusionProbe() {
        JsonNode probes = Vectors.load("transparency-dev-inclusion.json");
        assertThat(probes).hasSizeGreaterThan(90);
        List<String> wrong = new ArrayList<>();
        for (JsonNode probe : probes) {
            boolean rejected = rejects(() -> ProofVerifier.verifyInclusion(probe.get("leafIdx").asLong(),
                    probe.get("treeSize").asLong(), Vectors.base64(probe.get("leafHash")),
                    Vectors.base64List(probe.get("proof")), Vectors.base64(probe.get("root"))));
            if (rejected != probe.get("wantErr").asBoolean()) {
                wrong.add(probe.get("file").asText() + " (" + probe.get("desc").asText() + ")");
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void shouldAgreeWithEveryTransparencyDevConsistencyProbe() {
        JsonNode probes = Vectors.load("transparency-dev-consistency.json");
        assertThat(probes).hasSizeGreaterThan(90);
        List<String> wrong = new ArrayList<>();
        for (JsonNode probe : probes) {
            if (probe.get("file").asText().equals(STRICTER_THAN_GO)) {
                // Go accepts equal sizes with equal roots of any length; here a root is a 32-byte hash or nothing.
                assertThat(Vectors.base64(probe.get("root1"))).hasSizeLessThan(32);
                assertThatThrownBy(() -> ProofVerifier.verifyConsistency(1, 1, List.of(),
                        Vectors.base64(probe.get("root1")), Vectors.base64(probe.get("root2"))))
                        .isExactlyInstanceOf(InvalidProofException.class).hasMessageContaining("32 bytes");
                continue;
            }
            boolean rejected = rejects(() -> ProofVerifier.verifyConsistency(probe.get("size1").asLong(),
                    probe.get("size2").asLong(), Vectors.base64List(probe.get("proof")),
                    Vectors.base64(probe.get("root1")), Vectors.base64(probe.get("root2"))));
            if (rejected != probe.get("wantErr").asBoolean()) {
                wrong.add(probe.get("file").asText() + " (" + probe.get("desc").asText() + ")");
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void shouldSayWhyAProofHasTheWrongShape() {
        byte[] leaf = reference.leafHash(3);
        List<byte[]> proof = reference.path(3, 10);
        List<byte[]> shorter = proof.subList(0, proof.size() - 1);

        assertThatThrownBy(() -> ProofVerifier.verifyInclusion(3, 10, leaf, shorter, reference.root(10)))
                .isExactlyInstanceOf(InvalidProofException.class).hasMessageContaining("has 4 hashes, got 3");
        assertThatThrownBy(() -> ProofVerifier.verifyInclusion(10, 10, leaf, proof, reference.root(10)))
                .isExactlyInstanceOf(InvalidProofException.class).hasMessageContaining("beyond tree size");
        assertThatThrownBy(() -> ProofVerifier.verifyConsistency(0, 10, List.of(), Rfc6962.emptyRoot(),
                reference.root(10))).isExactlyInstanceOf(InvalidProofException.class)
                .hasMessageContaining("meaningless");
        assertThatCode(() -> ProofVerifier.verifyConsistency(7, 7, List.of(), reference.root(7), reference.root(7)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> ProofNodes.consistency(8, 7)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProofNodes.inclusion(7, 7)).isInstanceOf(IllegalArgumentException.class);
    }

    private static boolean rejects(Runnable verification) {
        try {
            verification.run();
            return false;
        } catch (InvalidProofException e) {
            return true;
        }
    }

    private static List<byte[]> flip(List<byte[]> proof, int i) {
        List<byte[]> forged = new ArrayList<>(proof);
        byte[] hash = forged.get(i).clone();
        hash[7] ^= 0x10;
        forged.set(i, hash);
        return forged;
    }
}
