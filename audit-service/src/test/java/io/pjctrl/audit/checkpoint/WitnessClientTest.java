package io.pjctrl.audit.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.LongFunction;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.pjctrl.audit.testsupport.InProcessWitness;
import io.pjctrl.audit.testsupport.MemoryLog;
import io.pjctrl.contract.tlog.Checkpoint;
import io.pjctrl.contract.tlog.NoteSigning;
import io.pjctrl.contract.tlog.SignedNote;
import io.pjctrl.contract.tlog.VerifierKey;
import io.smallrye.mutiny.Uni;

/** The log's side of tlog-witness against a real peer (the witness's own decision, in process). */
class WitnessClientTest {

    private static final String ORIGIN = "pjctrl-audit/events-0";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newHttpClient();
    private final InProcessWitness witness = InProcessWitness.start("witness.test/w1", List.of(MemoryLog.logKey()));

    @AfterEach
    void stop() {
        witness.close();
    }

    @Test
    void shouldReturnAVerifiedCosignatureOfTheFirstCheckpoint() {
        MemoryLog log = new MemoryLog(ORIGIN, 1).growTo(5);
        String note = log.signedNote();

        WitnessOutcome outcome = submit(client(witness.vkey()), log, note, 0);

        assertThat(outcome.kind()).isEqualTo(WitnessOutcome.Kind.COSIGNED);
        assertThat(outcome.timestamp()).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(5L));
        assertThat(NoteSigning.verify(witness.vkey(), SignedNote.parse(note).text(), outcome.cosignature()))
                .hasValue(outcome.timestamp());
        assertThat(witness.held(ORIGIN)).hasValueSatisfying(held -> assertThat(Checkpoint.parse(held.text()).size())
                .isEqualTo(5));
    }

    @Test
    void shouldSendTheConsistencyProofFromTheSizeTheWitnessHolds() {
        MemoryLog log = new MemoryLog(ORIGIN, 1).growTo(5);
        WitnessClient client = client(witness.vkey());
        assertThat(submit(client, log, log.signedNote(), 0).kind()).isEqualTo(WitnessOutcome.Kind.COSIGNED);

        log.growTo(300);
        WitnessOutcome grown = submit(client, log, log.signedNote(), 5);

        assertThat(grown.kind()).isEqualTo(WitnessOutcome.Kind.COSIGNED);
        assertThat(grown.oldSize()).isEqualTo(5);
        assertThat(witness.answered(409)).isZero();
        assertThat(Checkpoint.parse(witness.held(ORIGIN).orElseThrow().text()).size()).isEqualTo(300);
    }

    @Test
    void shouldResubmitFromTheSizeA409Reports() {
        MemoryLog log = new MemoryLog(ORIGIN, 1).growTo(7);
        WitnessClient client = client(witness.vkey());
        assertThat(submit(client, log, log.signedNote(), 0).kind()).isEqualTo(WitnessOutcome.Kind.COSIGNED);

        log.growTo(20);
        WitnessOutcome outcome = submit(client, log, log.signedNote(), 0);

        assertThat(witness.answered(409)).isEqualTo(1);
        assertThat(outcome.kind()).isEqualTo(WitnessOutcome.Kind.COSIGNED);
        assertThat(outcome.oldSize()).as("the size the 409 reported").isEqualTo(7);
    }

    @Test
    void shouldBeRefusedWith422WhenTheTreeDoesNotExtendWhatTheWitnessHolds() {
        MemoryLog original = new MemoryLog(ORIGIN, 1).growTo(9);
        WitnessClient client = client(witness.vkey());
        assertThat(submit(client, original, original.signedNote(), 0).kind()).isEqualTo(WitnessOutcome.Kind.COSIGNED);

        MemoryLog rewritten = new MemoryLog(ORIGIN, 2).growTo(16);
        WitnessOutcome outcome = submit(client, rewritten, rewritten.signedNote(), 9);

        assertThat(outcome.kind()).isEqualTo(WitnessOutcome.Kind.REFUSED);
        assertThat(outcome.status()).isEqualTo(422);
        assertThat(outcome.tag()).isEqualTo("refused_422");
        assertThat(Checkpoint.parse(witness.held(ORIGIN).orElseThrow().text()).size()).isEqualTo(9);
    }

    @Test
    void shouldNotAcceptACosignatureThatDoesNotVerifyWithTheConfiguredKey() {
        try (InProcessWitness other = InProcessWitness.start("witness.test/w1", List.of(MemoryLog.logKey()))) {
            MemoryLog log = new MemoryLog(ORIGIN, 1).growTo(3);
            // Same name, another key: the line names a different key ID, so it is not taken for the configured witness.
            WitnessOutcome outcome = submit(client(other.vkey()), log, log.signedNote(), 0);

            assertThat(outcome.kind()).isEqualTo(WitnessOutcome.Kind.REFUSED);
            assertThat(outcome.detail()).contains("without a cosignature by witness.test/w1+");
        }
    }

    @Test
    void shouldReportAWitnessThatDoesNotAnswerAsUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        WitnessClient client = new WitnessClient("http://127.0.0.1:" + closedPort, witness.vkey(), http, TIMEOUT);
        MemoryLog log = new MemoryLog(ORIGIN, 1).growTo(3);

        WitnessOutcome outcome = submit(client, log, log.signedNote(), 0);

        assertThat(outcome.kind()).isEqualTo(WitnessOutcome.Kind.UNREACHABLE);
        assertThat(outcome.tag()).isEqualTo("unreachable");
    }

    @Test
    void shouldRefuseToTalkToAWitnessConfiguredWithALogKey() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> client(MemoryLog.logKey()))
                .withMessageContaining("type 0x04");
    }

    private WitnessClient client(VerifierKey key) {
        return new WitnessClient(witness.url() + "/", key, http, TIMEOUT);
    }

    private static WitnessOutcome submit(WitnessClient client, MemoryLog log, String note, long oldSize) {
        LongFunction<Uni<List<byte[]>>> proofs = from -> Uni.createFrom().item(log.proofFrom(from));
        return client.submit(note, log.size(), oldSize, proofs).await().atMost(Duration.ofSeconds(10));
    }
}
