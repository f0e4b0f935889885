package io.pjctrl.witness;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.pjctrl.contract.tlog.AddCheckpointRequest;
import io.pjctrl.contract.tlog.Checkpoint;
import io.pjctrl.contract.tlog.NoteSignature;
import io.pjctrl.contract.tlog.NoteSigning;
import io.pjctrl.contract.tlog.SignedNote;
import io.pjctrl.contract.tlog.TlogWitness;
import io.pjctrl.contract.tlog.VerifierKey;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * C2SP tlog-witness add-checkpoint against the running witness and its database: each test owns one origin of the
 * %test profile, because what the witness holds for an origin outlives a test.
 */
@QuarkusTest
class AddCheckpointTest {

    @Test
    void shouldCosignTheFirstCheckpointAndThenEveryConsistentGrowth() {
        TestLog log = TestLog.events(0).growTo(300);
        VerifierKey witnessKey = VerifierKey.parse(given().get("/key").then().statusCode(200).extract().asString().trim());

        long previous = 0;
        for (long size : new long[]{3, 10, 256, 257, 300}) {
            Response response = post(log.body(previous, size));
            assertThat(response.statusCode()).as("size %d from %d", size, previous).isEqualTo(200);
            assertThat(response.contentType()).startsWith("text/plain");
            List<NoteSignature> cosignatures = TlogWitness.parseCosignatures(response.asString());
            assertThat(cosignatures).hasSize(1);
            String text = log.checkpoint(size).format();
            long timestamp = NoteSigning.verify(witnessKey, text, cosignatures.get(0)).orElseThrow();
            assertThat(timestamp).isPositive();
            assertThat(held(log.origin).size()).isEqualTo(size);
            previous = size;
        }
    }

    @Test
    void shouldCosignAReplayedCheckpointOfTheSameSizeButNotAnotherRootAtThatSize() {
        TestLog log = TestLog.events(2).growTo(5);
        assertThat(post(log.body(0, 5)).statusCode()).isEqualTo(200);

        assertThat(post(log.body(5, 5)).statusCode()).isEqualTo(200);
        assertThat(held(log.origin).size()).isEqualTo(5);

        Response fork = post(log.fork().growTo(5).body(5, 5));
        assertThat(fork.statusCode()).isEqualTo(422);
        assertThat(fork.contentType()).startsWith("application/problem+json");
        assertThat(held(log.origin)).isEqualTo(log.checkpoint(5));
    }

    @Test
    void shouldRefuseACheckpointInconsistentWithTheOneItHolds() {
        TestLog log = TestLog.events(3).growTo(5);
        assertThat(post(log.body(0, 5)).statusCode()).isEqualTo(200);

        TestLog fork = log.fork().growTo(8);
        Response withForkProof = post(fork.body(5, 8));
        assertThat(withForkProof.statusCode()).isEqualTo(422);
        assertThat(withForkProof.jsonPath().getString("type")).isEqualTo("urn:pjctrl:problem:witness:inconsistent-checkpoint");
        assertThat(withForkProof.jsonPath().getString("title")).isEqualTo("Unprocessable Content");
        assertThat(withForkProof.jsonPath().getInt("status")).isEqualTo(422);
        assertThat(withForkProof.jsonPath().getString("detail")).contains("does not match");

        log.growTo(8);
        Response honestProofForkedHead = post(new AddCheckpointRequest(5, log.proof(5, 8), fork.signedNote(8)).format());
        assertThat(honestProofForkedHead.statusCode()).isEqualTo(422);

        List<byte[]> tampered = new ArrayList<>(log.proof(5, 8));
        tampered.set(0, TestLog.sha256("not a node"));
        assertThat(post(new AddCheckpointRequest(5, tampered, log.signedNote(8)).format()).statusCode()).isEqualTo(422);

        assertThat(held(log.origin)).isEqualTo(log.checkpoint(5));
        assertThat(post(log.body(5, 8)).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAnswer409WithTheSizeItHoldsWhenTheOldSizeIsNotItsLatest() {
        TestLog log = TestLog.events(4).growTo(8);
        assertThat(post(log.body(0, 5)).statusCode()).isEqualTo(200);

        for (long old : new long[]{0, 3, 6}) {
            Response conflict = post(log.body(old, 8));
            assertThat(conflict.statusCode()).as("old %d", old).isEqualTo(409);
            assertThat(conflict.contentType()).isEqualTo(TlogWitness.SIZE_CONTENT_TYPE);
            assertThat(conflict.asString()).isEqualTo("5\n");
            assertThat(TlogWitness.parseConflictBody(conflict.asString())).isEqualTo(5);
        }
        assertThat(held(log.origin).size()).isEqualTo(5);
    }

    @Test
    void shouldAnswer409WithZeroForAnOriginNeverCosigned() {
        TestLog log = TestLog.events(5).growTo(4);
        Response conflict = post(log.body(2, 4));
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(conflict.contentType()).isEqualTo(TlogWitness.SIZE_CONTENT_TYPE);
        assertThat(conflict.asString()).isEqualTo("0\n");
    }

    @Test
    void shouldAnswer404ForAnOriginItDoesNotWitness() {
        String text = Checkpoint.at("other.test.pjctrl/log", 1, TestLog.sha256("x"), java.time.Instant.EPOCH).format();
        String note = new SignedNote(text, List.of(TestLog.sign("other.test.pjctrl/log", "other-log-private.pem", text)))
                .format();
        Response response = post(new AddCheckpointRequest(0, List.of(), note).format());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.jsonPath().getString("type")).isEqualTo("urn:pjctrl:problem:witness:unknown-origin");
    }

    @Test
    void shouldAnswer403WithoutAValidSignatureByATrustedKey() {
        TestLog log = TestLog.events(7).growTo(3);
        String text = log.checkpoint(3).format();

        String byUnknownKey = new SignedNote(text, List.of(TestLog.sign(log.origin, "other-log-private.pem", text)))
                .format();
        assertThat(post(new AddCheckpointRequest(0, List.of(), byUnknownKey).format()).statusCode()).isEqualTo(403);

        NoteSignature good = TestLog.sign(log.origin, "log-private.pem", text);
        byte[] bytes = good.signature();
        bytes[0] ^= 1;
        NoteSignature broken = new NoteSignature(good.keyName(), good.keyId(), bytes);
        String brokenNote = new SignedNote(text, List.of(broken)).format();
        Response response = post(new AddCheckpointRequest(0, List.of(), brokenNote).format());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.jsonPath().getString("type")).isEqualTo("urn:pjctrl:problem:witness:bad-log-signature");

        String goodAndBroken = new SignedNote(text, List.of(good, broken)).format();
        assertThat(post(new AddCheckpointRequest(0, List.of(), goodAndBroken).format()).statusCode()).isEqualTo(403);
        assertThat(given().get("/" + CheckpointRepository.originHash(log.origin) + "/checkpoint").statusCode())
                .isEqualTo(404);
    }

    @Test
    void shouldAcceptEitherTrustedKeyOfALogDuringARotation() {
        TestLog log = TestLog.events(1).growTo(6);
        assertThat(post(log.body(0, 4)).statusCode()).isEqualTo(200);
        TestLog rotated = log.signedWith("other-log-private.pem");
        assertThat(post(rotated.body(4, 6)).statusCode()).isEqualTo(200);
        assertThat(held(log.origin).size()).isEqualTo(6);
    }

    @Test
    void shouldAnswer400ForAMalformedRequest() {
        TestLog log = TestLog.events(5).growTo(4);
        String note = log.signedNote(4);
        List<String> malformed = List.of(
                "",
                "garbage",
                "old 01\n\n" + note,
                "old -1\n\n" + note,
                "old 0\n" + note,
                "old 0\nnot base64!\n\n" + note,
                "old 0\n" + Base64.getEncoder().encodeToString(new byte[31]) + "\n\n" + note,
                "old 0\n\nlog.test.pjctrl/events-5\nnot a size\nAAAA\n\n" + note.substring(note.indexOf("\u2014")),
                "old 0\n\n" + log.checkpoint(4).format(),
                "old 5\n\n" + note);
        for (String body : malformed) {
            Response response = post(body);
            assertThat(response.statusCode()).as("body %s", body).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        byte[] notUtf8 = ("old 0\n\n" + note).getBytes(StandardCharsets.UTF_8);
        notUtf8[notUtf8.length - 10] = (byte) 0xff;
        assertThat(given().body(notUtf8).post("/add-checkpoint").statusCode()).isEqualTo(400);
        assertThat(held(log.origin)).isNull();
    }

    @Test
    void shouldAnswer422ForAProofFromSizeZeroOrANonEmptyRootAtSizeZero() {
        TestLog log = TestLog.events(5).growTo(4);
        Response proofFromZero = post(new AddCheckpointRequest(0, List.of(TestLog.sha256("x")), log.signedNote(4))
                .format());
        assertThat(proofFromZero.statusCode()).isEqualTo(422);

        String text = new Checkpoint(log.origin, 0, TestLog.sha256("not empty")).format();
        String note = new SignedNote(text, List.of(TestLog.sign(log.origin, "log-private.pem", text))).format();
        assertThat(post(new AddCheckpointRequest(0, List.of(), note).format()).statusCode()).isEqualTo(422);
        assertThat(held(log.origin)).isNull();
    }

    static Response post(String body) {
        return given().contentType("text/plain; charset=utf-8").body(body.getBytes(StandardCharsets.UTF_8))
                .post("/add-checkpoint");
    }

    /** What the witness serves as its latest checkpoint of {@code origin}, null when it holds none. */
    static Checkpoint held(String origin) {
        Response response = given().get("/" + CheckpointRepository.originHash(origin) + "/checkpoint");
        if (response.statusCode() == 404) {
            return null;
        }
        assertThat(response.statusCode()).isEqualTo(200);
        return Checkpoint.parse(SignedNote.parse(response.asString()).text());
    }
}
