package io.pjctrl.witness;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.pjctrl.contract.tlog.Checkpoint;
import io.pjctrl.contract.tlog.NoteSigning;
import io.pjctrl.contract.tlog.SignedNote;
import io.pjctrl.contract.tlog.VerifierKey;
import io.pjctrl.testing.InjectInfra;
import io.pjctrl.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** What the witness keeps: one latest checkpoint per origin, advanced atomically, served for monitors. */
@QuarkusTest
class WitnessStateTest {

    @InjectInfra
    TestDatabase database;

    @Inject
    CheckpointRepository repository;

    @Test
    void shouldLetOnlyOneOfConcurrentSubmissionsAdvance() throws Exception {
        TestLog log = TestLog.events(6).growTo(40);
        assertThat(AddCheckpointTest.post(log.body(0, 4)).statusCode()).isEqualTo(200);
        List<String> bodies = new ArrayList<>();
        for (long size = 5; size <= 40; size += 5) {
            bodies.add(log.body(4, size));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(bodies.size());
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (String body : bodies) {
                statuses.add(pool.submit(() -> {
                    start.await();
                    return AddCheckpointTest.post(body).statusCode();
                }));
            }
            start.countDown();
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                results.add(status.get(60, TimeUnit.SECONDS));
            }
            assertThat(results).containsOnly(200, 409);
            assertThat(results).filteredOn(status -> status == 200).hasSize(1);
            long winner = 5L * (results.indexOf(200) + 1);
            assertThat(AddCheckpointTest.held(log.origin)).isEqualTo(log.checkpoint(winner));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldSwapOnlyFromTheStateItWasCheckedAgainst() {
        TestLog log = TestLog.events(6).fork().growTo(3);
        String origin = "swap.test.pjctrl/log";
        var first = Checkpoint.at(origin, 1, log.root(1), Instant.EPOCH);
        String note1 = new SignedNote(first.format(), List.of(TestLog.sign(origin, "log-private.pem", first.format())))
                .format();
        assertThat(repository.insertFirst(first, note1, Instant.now())).isTrue();
        assertThat(repository.insertFirst(first, note1, Instant.now())).isFalse();

        HeldCheckpoint held = repository.latest(origin).orElseThrow();
        var second = Checkpoint.at(origin, 2, log.root(2), Instant.EPOCH);
        var third = Checkpoint.at(origin, 3, log.root(3), Instant.EPOCH);
        assertThat(repository.advance(held, second, note(origin, second), Instant.now())).isTrue();
        assertThat(repository.advance(held, third, note(origin, third), Instant.now())).isFalse();
        assertThat(repository.latest(origin).orElseThrow().checkpoint()).isEqualTo(second);
    }

    @Test
    void shouldServeTheLatestCheckpointWithTheLogSignatureAndItsCosignature() {
        TestLog honest = TestLog.events(8).growTo(7);
        String origin = honest.origin;
        VerifierKey witnessKey = VerifierKey.parse(given().get("/key").asString().trim());
        assertThat(AddCheckpointTest.post(honest.body(0, 7)).statusCode()).isEqualTo(200);

        Response response = given().get("/" + CheckpointRepository.originHash(origin) + "/checkpoint");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/plain");
        SignedNote note = SignedNote.parse(response.asString());
        assertThat(note.text()).isEqualTo(honest.checkpoint(7).format());
        VerifierKey logKey = VerifierKey.parse(
                "log.test.pjctrl/events-8+c37a549a+AWRmYdDrvxhpNKgB+Io78N/vOqlRy5w0Y1LdJkXW3LdQ");
        assertThat(note.signaturesBy(logKey)).hasSize(1);
        NoteSigning.verify(logKey, note.text(), note.signaturesBy(logKey).get(0));
        assertThat(note.signaturesBy(witnessKey)).hasSize(1);
        assertThat(NoteSigning.verify(witnessKey, note.text(), note.signaturesBy(witnessKey).get(0))).isPresent();
    }

    @Test
    void shouldAnswer404ProblemsForCheckpointsItNeverCosignedAndUnknownPaths() {
        Response unknown = given().get("/" + CheckpointRepository.originHash("nobody.test.pjctrl/log") + "/checkpoint");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        String upper = CheckpointRepository.originHash("log.test.pjctrl/events-0").toUpperCase();
        assertThat(given().get("/" + upper + "/checkpoint").statusCode()).isEqualTo(404);
        Response noSuchPath = given().get("/tile/0/000");
        assertThat(noSuchPath.statusCode()).isEqualTo(404);
        assertThat(noSuchPath.contentType()).startsWith("application/problem+json");
    }

    @Test
    void shouldServeItsVerifierKeyAsACosignatureKey() {
        String body = given().get("/key").then().statusCode(200).extract().asString();
        assertThat(body).endsWith("\n");
        VerifierKey key = VerifierKey.parse(body.trim());
        assertThat(key.name()).isEqualTo("witness.test.pjctrl/w1");
        assertThat(key.type()).isEqualTo(VerifierKey.TYPE_COSIGNATURE_V1);
    }

    @Test
    void shouldRefuseToShrinkRewriteOrForgetAHeldCheckpointInTheDatabase() throws SQLException {
        TestLog log = TestLog.events(6).fork().growTo(2);
        String origin = "trigger.test.pjctrl/log";
        var two = Checkpoint.at(origin, 2, log.root(2), Instant.EPOCH);
        assertThat(repository.insertFirst(two, note(origin, two), Instant.now())).isTrue();
        try (Connection connection = database.connect(); Statement sql = connection.createStatement()) {
            assertThatThrownBy(() -> sql.executeUpdate(
                    "UPDATE witnessed_checkpoint SET tree_size = 1 WHERE origin = '" + origin + "'"))
                    .hasMessageContaining("may only grow");
            assertThatThrownBy(() -> sql.executeUpdate(
                    "UPDATE witnessed_checkpoint SET root_hash = sha256('x') WHERE origin = '" + origin + "'"))
                    .hasMessageContaining("may only grow");
            assertThatThrownBy(() -> sql.executeUpdate("DELETE FROM witnessed_checkpoint WHERE origin = '" + origin + "'"))
                    .hasMessageContaining("never deleted");
        }
        assertThat(repository.latest(origin).orElseThrow().checkpoint()).isEqualTo(two);
    }

    private static String note(String origin, Checkpoint checkpoint) {
        String text = checkpoint.format();
        return new SignedNote(text, List.of(TestLog.sign(origin, "log-private.pem", text))).format();
    }
}
