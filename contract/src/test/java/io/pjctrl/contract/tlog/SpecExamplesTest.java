package io.pjctrl.contract.tlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The library against spec-examples.json, written by generate_spec_vectors.py (Python, from the RFC and the C2SP
 * specs, not from this code). The worked examples of contract/TLOG-SPEC-DRAFT.md come from the same data.
 */
class SpecExamplesTest {

    private static final JsonNode VECTORS = Vectors.load("spec-examples.json");
    private static final byte[] LOG_SEED = filled(1);
    private static final byte[] WITNESS_SEED = filled(2);
    private static TileStore store;

    @BeforeAll
    static void writeTheLog() {
        store = new TileStore();
        for (int seq = 1; seq <= VECTORS.get("size").asInt(); seq++) {
            store.append(Rfc6962.leafData(canonical(seq)));
        }
    }

    @Test
    void shouldHashLeavesAsTheGeneratorDoes() {
        for (JsonNode leaf : VECTORS.get("leaves")) {
            String canonical = canonical(leaf.get("seq").asInt());
            assertThat(Rfc6962.leafData(canonical)).isEqualTo(Vectors.hex(leaf.get("leafData")));
            assertThat(Rfc6962.entryLeafHash(canonical)).isEqualTo(Vectors.hex(leaf.get("leafHash")));
        }
    }

    @Test
    void shouldComputeTheGeneratorsRootsFromTiles() {
        for (JsonNode root : VECTORS.get("roots")) {
            long size = root.get("size").asLong();
            assertThat(CompactRange.load(size, new TileHashReader(size, store)).root()).as("root at %d", size)
                    .isEqualTo(Vectors.base64(root.get("root")));
        }
    }

    @Test
    void shouldBuildTheGeneratorsProofsFromTiles() {
        for (JsonNode vector : VECTORS.get("inclusion")) {
            long size = vector.get("size").asLong();
            assertThat(ProofNodes.inclusion(vector.get("index").asLong(), size)
                    .read(new TileHashReader(size, store))).as("inclusion %s", vector)
                    .containsExactlyElementsOf(Vectors.base64List(vector.get("proof")));
        }
        for (JsonNode vector : VECTORS.get("consistency")) {
            long size2 = vector.get("size2").asLong();
            assertThat(ProofNodes.consistency(vector.get("size1").asLong(), size2)
                    .read(new TileHashReader(size2, store))).as("consistency %s", vector)
                    .containsExactlyElementsOf(Vectors.base64List(vector.get("proof")));
        }
    }

    @Test
    void shouldServeTheGeneratorsTilesAndBundles() {
        for (JsonNode vector : VECTORS.get("tiles")) {
            TileId tile = TilePaths.parseTile(vector.get("path").asText());
            byte[] data = store.tile(tile);
            assertThat(data).as(tile.path()).hasSize(vector.get("bytes").asInt());
            assertThat(ReferenceTree.sha256(data)).isEqualTo(Vectors.hex(vector.get("sha256")));
            if (!vector.get("hex").isNull()) {
                assertThat(HexFormat.of().formatHex(data)).isEqualTo(vector.get("hex").asText());
            }
        }
        assertThat(TileMath.newTiles(0, VECTORS.get("size").asLong())).extracting(TileId::path)
                .containsExactlyInAnyOrderElementsOf(
                        VECTORS.get("tiles").findValuesAsText("path"));
        for (JsonNode vector : VECTORS.get("bundles")) {
            byte[] data = store.bundle(TilePaths.parseBundle(vector.get("path").asText()));
            assertThat(data).hasSize(vector.get("bytes").asInt());
            assertThat(ReferenceTree.sha256(data)).isEqualTo(Vectors.hex(vector.get("sha256")));
        }
    }

    @Test
    void shouldSignAndCosignTheCheckpointByteForByte() {
        String origin = "audit.pjctrl.example/events-0";
        byte[] logKey = Ed25519.publicKeyOfSeed(LOG_SEED);
        byte[] witnessKey = Ed25519.publicKeyOfSeed(WITNESS_SEED);
        Checkpoint checkpoint = new Checkpoint(origin, store.range().size(), store.range().root(),
                List.of("time 1764547200"));
        String text = checkpoint.format();
        SignedNote note = new SignedNote(text, List.of(
                NoteSigning.signEd25519(origin, Ed25519.privateKey(LOG_SEED), logKey, text),
                NoteSigning.cosign("witness.pjctrl.example/w1", Ed25519.privateKey(WITNESS_SEED), witnessKey, text,
                        1764547201)));

        assertThat(VerifierKey.of(origin, VerifierKey.TYPE_ED25519, logKey).format())
                .isEqualTo(VECTORS.get("logVkey").asText());
        assertThat(VerifierKey.of("witness.pjctrl.example/w1", VerifierKey.TYPE_COSIGNATURE_V1, witnessKey).format())
                .isEqualTo(VECTORS.get("witnessVkey").asText());
        assertThat(text).isEqualTo(VECTORS.get("checkpointText").asText());
        assertThat(note.format()).isEqualTo(VECTORS.get("signedNote").asText());
    }

    @Test
    void shouldWriteAndVerifyTheGeneratorsTlogProof() {
        String published = VECTORS.get("tlogProof").asText();
        TlogProof proof = TlogProof.parse(published);
        List<byte[]> path = ProofNodes.inclusion(1, 300).read(new TileHashReader(300, store));
        assertThat(new TlogProof(Optional.empty(), 1, path, VECTORS.get("signedNote").asText()).format())
                .isEqualTo(published);

        SignedNote note = SignedNote.parse(proof.checkpointNote());
        VerifierKey log = VerifierKey.parse(VECTORS.get("logVkey").asText());
        VerifierKey witness = VerifierKey.parse(VECTORS.get("witnessVkey").asText());
        assertThat(NoteSigning.verify(log, note.text(), note.signaturesBy(log).get(0))).isEmpty();
        assertThat(NoteSigning.verify(witness, note.text(), note.signaturesBy(witness).get(0))).hasValue(1764547201);
        Checkpoint checkpoint = Checkpoint.parse(note.text());
        ProofVerifier.verifyInclusion(proof.index(), checkpoint.size(), Rfc6962.entryLeafHash(canonical(2)),
                proof.inclusionPath(), checkpoint.rootHash());
    }

    private static String canonical(int seq) {
        return "{\"seq\":" + seq + "}";
    }

    private static byte[] filled(int value) {
        byte[] seed = new byte[32];
        java.util.Arrays.fill(seed, (byte) value);
        return seed;
    }
}
