package io.pjctrl.contract.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class TlogProofTest {

    private static final JsonNode VECTORS = Vectors.load("notes.json").get("tlogProofs");

    @Test
    void shouldFormatAndParseThePublishedProofs() {
        for (JsonNode vector : VECTORS.get("formatted")) {
            List<byte[]> hashes = new ArrayList<>();
            String expected = vector.get("text").asText();
            for (JsonNode name : vector.get("hashes")) {
                byte[] hash = ReferenceTree.sha256(name.asText().getBytes(StandardCharsets.US_ASCII));
                hashes.add(hash);
                expected = expected.replace("%" + name.asText(), Base64.getEncoder().encodeToString(hash));
            }
            Optional<byte[]> extra = Optional.ofNullable(vector.get("extra"))
                    .map(node -> node.asText().getBytes(StandardCharsets.US_ASCII));
            if (extra.isPresent()) {
                expected = expected.replace("%extra", Base64.getEncoder().encodeToString(extra.get()));
            }
            TlogProof proof = new TlogProof(extra, vector.get("index").asLong(), hashes,
                    vector.get("checkpoint").asText());

            assertThat(proof.format()).as(vector.get("desc").asText()).isEqualTo(expected);
            assertThat(TlogProof.parse(expected)).isEqualTo(proof);
        }
    }

    @Test
    void shouldRefuseEveryInvalidProof() {
        for (JsonNode vector : VECTORS.get("invalid")) {
            assertThatThrownBy(() -> TlogProof.parse(vector.get("text").asText())).as(vector.get("desc").asText())
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void shouldCarryEverythingAnOfflineVerifierNeeds() {
        // The log side: 1,000 entries, a signed checkpoint, a witness cosignature, a proof for entry 617.
        TileStore store = TileStore.ofSize(1_000);
        byte[] seed = new byte[32];
        seed[0] = 1;
        byte[] logKey = Ed25519.publicKeyOfSeed(seed);
        byte[] witnessSeed = new byte[32];
        witnessSeed[0] = 2;
        byte[] witnessKey = Ed25519.publicKeyOfSeed(witnessSeed);
        String origin = "audit.pjctrl.example/chain/c1";
        Checkpoint checkpoint = new Checkpoint(origin, 1_000, store.range().root(), List.of("time 1764547200"));
        String text = checkpoint.format();
        SignedNote note = new SignedNote(text,
                List.of(NoteSigning.signEd25519(origin, Ed25519.privateKey(seed), logKey, text),
                        NoteSigning.cosign("witness.example/w1", Ed25519.privateKey(witnessSeed), witnessKey, text,
                                1764547201)));
        List<byte[]> path = ProofNodes.inclusion(617, 1_000).read(new TileHashReader(1_000, store));
        String published = new TlogProof(Optional.empty(), 617, path, note.format()).format();

        // The auditor side: only the proof text, the entry's leaf data and two vkeys obtained out of band.
        VerifierKey log = VerifierKey.of(origin, VerifierKey.TYPE_ED25519, logKey);
        VerifierKey witness = VerifierKey.of("witness.example/w1", VerifierKey.TYPE_COSIGNATURE_V1, witnessKey);
        TlogProof proof = TlogProof.parse(published);
        SignedNote received = SignedNote.parse(proof.checkpointNote());
        Checkpoint signed = Checkpoint.parse(received.text());

        assertThat(NoteSigning.verify(log, received.text(), received.signaturesBy(log).get(0))).isEmpty();
        assertThat(NoteSigning.verify(witness, received.text(), received.signaturesBy(witness).get(0)))
                .hasValue(1764547201);
        ProofVerifier.verifyInclusion(proof.index(), signed.size(), Rfc6962.hashLeaf(ReferenceTree.leafData(617)),
                proof.inclusionPath(), signed.rootHash());
        assertThatThrownBy(() -> ProofVerifier.verifyInclusion(proof.index(), signed.size(),
                Rfc6962.hashLeaf(ReferenceTree.leafData(618)), proof.inclusionPath(), signed.rootHash()))
                .isInstanceOf(RootMismatchException.class);
    }
}
