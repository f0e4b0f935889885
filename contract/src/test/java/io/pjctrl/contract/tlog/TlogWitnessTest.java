package io.pjctrl.contract.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.pjctrl.contract.tlog.TlogWitness.Verdict;

class TlogWitnessTest {

    private static final String ORIGIN = "audit.pjctrl.example/events-0";
    private static final byte[] LOG_SEED = seed(1);
    private static final byte[] OTHER_SEED = seed(3);
    private static final VerifierKey LOG = VerifierKey.of(ORIGIN, VerifierKey.TYPE_ED25519,
            Ed25519.publicKeyOfSeed(LOG_SEED));
    private static TileStore store;
    private static ReferenceTree forked;

    @BeforeAll
    static void buildLogs() {
        store = TileStore.ofSize(500);
        forked = new ReferenceTree();
        for (int i = 0; i < 500; i++) {
            forked.add(ReferenceTree.leafData(i < 300 ? i : 1_000 + i));
        }
    }

    @Test
    void shouldParseTheSpecsExampleRequest() {
        String body = "old 20852014\n"
                + "PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=\n"
                + "jrJZDmY8Y7SyJE0MWLpLozkIVMSMZcD5kvuKxPC3swk=\n"
                + "5+pKlUdi2LeF/BcMHBn+Ku6yhPGNCswZZD1X/6QgPd8=\n"
                + "/6WVhPs2CwSsb5rYBH5cjHV/wSmA79abXAwhXw3Kj/0=\n"
                + "\n"
                + "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n"
                + "\u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n"
                + "\u2014 example.com/behind-the-sofa opLqBQsREYCgu6xQkYQwJr9fo45a62DN9EdmHXnZdXNqlcVGlCum2Wks+49/V6267UEjw6QUXTS5Rovnzv++qbSzm9Q=\n";

        AddCheckpointRequest request = AddCheckpointRequest.parse(body);

        assertThat(request.oldSize()).isEqualTo(20852014);
        assertThat(request.consistencyProof()).hasSize(4);
        assertThat(request.checkpoint().size()).isEqualTo(20852163);
        assertThat(request.note().signatures()).hasSize(2);
        assertThat(request.format()).isEqualTo(body);
    }

    @Test
    void shouldRefuseMalformedRequests() {
        String note = signedNote(100, root(100), LOG_SEED);
        for (String bad : List.of("old 01\n\n" + note, "old -1\n\n" + note, "old 5\n" + note, "old 5\nAAAA\n\n" + note,
                "new 5\n\n" + note, "old 5\n\nnot a note\n", ("old 5\n" + "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
                        .repeat(64) + "\n" + note))) {
            assertThatThrownBy(() -> AddCheckpointRequest.parse(bad)).as(bad.lines().findFirst().orElse(""))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void shouldCosignAFirstCheckpointWithoutProofAndAConsistentSuccessor() {
        Verdict first = check(0, List.of(), signedNote(100, root(100), LOG_SEED), Optional.empty());
        assertThat(first.status()).isEqualTo(200);
        Checkpoint held = first.checkpoint().orElseThrow();

        Verdict next = check(100, proof(100, 300), signedNote(300, root(300), LOG_SEED), Optional.of(held));
        assertThat(next.status()).as(next.reason()).isEqualTo(200);
        assertThat(next.checkpoint().orElseThrow().size()).isEqualTo(300);
    }

    @Test
    void shouldAnswer409WithTheLatestSizeWhenTheOldSizeIsStale() {
        Verdict verdict = check(0, List.of(), signedNote(300, root(300), LOG_SEED), Optional.of(checkpoint(100)));

        assertThat(verdict.status()).isEqualTo(409);
        assertThat(verdict.conflictBody()).isEqualTo("100\n");
        assertThat(TlogWitness.parseConflictBody(verdict.conflictBody())).isEqualTo(100);
    }

    @Test
    void shouldRefuseAForkWith422() {
        // the log rewrote leaves from 300 on: its 500-leaf tree does not extend the 400 the witness cosigned
        String note = signedNote(500, forked.root(500), LOG_SEED);
        List<byte[]> proof = ProofNodes.consistency(400, 500).read(forked.hashReader(500));

        Verdict verdict = check(400, proof, note, Optional.of(checkpoint(400)));

        assertThat(verdict.status()).isEqualTo(422);
        assertThat(verdict.reason()).contains("does not match expected root");
        assertThat(verdict.checkpoint()).isEmpty();
    }

    @Test
    void shouldRefuseEqualSizesWithAnotherRootAndAProofFromZero() {
        assertThat(check(400, List.of(), signedNote(400, forked.root(400), LOG_SEED), Optional.of(checkpoint(400)))
                .status()).isEqualTo(422);
        assertThat(check(0, proof(100, 300), signedNote(300, root(300), LOG_SEED), Optional.empty()).status())
                .isEqualTo(422);
        assertThat(check(0, List.of(), signedNote(0, root(1), LOG_SEED), Optional.empty()).status()).isEqualTo(422);
        assertThat(check(0, List.of(), signedNote(0, Rfc6962.emptyRoot(), LOG_SEED), Optional.empty()).status())
                .isEqualTo(200);
    }

    @Test
    void shouldAnswer403WithoutAValidSignatureByTheLog() {
        assertThat(check(0, List.of(), signedNote(100, root(100), OTHER_SEED), Optional.empty()).status())
                .isEqualTo(403);
        String note = signedNote(100, root(100), LOG_SEED);
        String tampered = note.replace(ORIGIN + "\n100\n", ORIGIN + "\n101\n");
        assertThat(check(0, List.of(), tampered, Optional.empty()).status()).isEqualTo(403);
    }

    @Test
    void shouldAnswer404ForAnUnknownOriginAnd400ForAnOldSizeAboveTheNew() {
        String note = signedNote(100, root(100), LOG_SEED);
        assertThat(TlogWitness.check(new AddCheckpointRequest(0, List.of(), note), List.of(), Optional.empty())
                .status()).isEqualTo(404);
        assertThat(check(300, List.of(), note, Optional.of(checkpoint(300))).status()).isEqualTo(400);
    }

    @Test
    void shouldRoundTripTheCosignatureResponse() {
        byte[] witnessSeed = seed(2);
        byte[] witnessKey = Ed25519.publicKeyOfSeed(witnessSeed);
        String text = checkpoint(100).format();
        NoteSignature cosignature = NoteSigning.cosign("witness.pjctrl.example/w1", Ed25519.privateKey(witnessSeed),
                witnessKey, text, 1764547201);
        String body = TlogWitness.formatCosignatures(List.of(cosignature));

        assertThat(body).startsWith("\u2014 witness.pjctrl.example/w1 ").endsWith("\n");
        assertThat(TlogWitness.parseCosignatures(body)).containsExactly(cosignature);
        assertThatThrownBy(() -> TlogWitness.parseCosignatures("junk\n")).isInstanceOf(IllegalArgumentException.class);
    }

    private static Verdict check(long oldSize, List<byte[]> proof, String note, Optional<Checkpoint> latest) {
        String body = new AddCheckpointRequest(oldSize, proof, note).format();
        return TlogWitness.check(AddCheckpointRequest.parse(body), List.of(LOG), latest);
    }

    private static String signedNote(long size, byte[] root, byte[] seed) {
        String text = new Checkpoint(ORIGIN, size, root, List.of("time 1764547200")).format();
        NoteSignature signature = NoteSigning.signEd25519(ORIGIN, Ed25519.privateKey(seed),
                Ed25519.publicKeyOfSeed(seed), text);
        return new SignedNote(text, List.of(signature)).format();
    }

    private static Checkpoint checkpoint(long size) {
        return new Checkpoint(ORIGIN, size, root(size), List.of("time 1764547200"));
    }

    private static byte[] root(long size) {
        return CompactRange.load(size, new TileHashReader(size, store)).root();
    }

    private static List<byte[]> proof(long size1, long size2) {
        return ProofNodes.consistency(size1, size2).read(new TileHashReader(size2, store));
    }

    private static byte[] seed(int value) {
        byte[] seed = new byte[32];
        java.util.Arrays.fill(seed, (byte) value);
        return seed;
    }
}
