package io.pjctrl.audit.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.pjctrl.audit.testsupport.TestEvent;
import io.pjctrl.audit.testsupport.TestEvents;
import io.pjctrl.audit.testsupport.TopicReader;
import io.pjctrl.contract.chain.Vectors;
import io.pjctrl.contract.note.NoteSigner;
import io.pjctrl.contract.note.NoteVerification;
import io.pjctrl.contract.note.SignedNotes;
import io.pjctrl.contract.note.VerifierKey;
import io.pjctrl.testing.InjectInfra;
import io.pjctrl.testing.TestDatabase;
import io.pjctrl.testing.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

@QuarkusTest
class CheckpointTest {

    private static final String TEST_KEY_ID = NoteSigner
            .fromPem("pjctrl-audit-test", Vectors.resource("pjctrl-test-keys/checkpoint-private.pem")).keyId();

    @InjectInfra
    KafkaCompanion kafka;

    @InjectInfra
    TestTopics topics;

    @InjectInfra
    TestDatabase database;

    record StoredCheckpoint(String chainId, long seq, String headChecksum, String keyId, String note, String rootHash) {
    }

    @Test
    void shouldSignCheckpointsThatVerifyWithTheRegisteredKeysAndMatchTheStoredHead() throws Exception {
        List<TestEvent> batch = IntStream.range(0, 60).mapToObj(i -> TestEvent.of("task.update").partition(0)).toList();
        new TestEvents(kafka, topics, database).publishAndAwait(batch);

        List<StoredCheckpoint> checkpoints = awaitCheckpoints("events-0", 50);
        List<VerifierKey> keys = registeredKeys();
        Instant keyValidFrom = validFrom(TEST_KEY_ID);

        assertThat(checkpoints).isNotEmpty().allSatisfy(cp -> {
            NoteVerification result = SignedNotes.verify(cp.note(), keys);
            assertThat(result).isInstanceOfSatisfying(NoteVerification.Verified.class, v -> {
                assertThat(v.keyId()).isEqualTo(TEST_KEY_ID).isEqualTo(cp.keyId());
                assertThat(v.checkpoint().origin()).isEqualTo("pjctrl-audit/events-0");
                assertThat(v.checkpoint().time()).as("signed inside the key's validity").isAfterOrEqualTo(keyValidFrom);
                assertThat(v.checkpoint().size()).isEqualTo(cp.seq());
                // Format 2: the note's hash line is the tree root; head_checksum is the chain head at that seq.
                assertThat(v.checkpoint().headChecksum()).isEqualTo(cp.rootHash());
                assertThat(cp.headChecksum()).isEqualTo(storedChecksum("events-0", cp.seq()));
            });
        });
        StoredCheckpoint latest = checkpoints.get(checkpoints.size() - 1);
        assertThat(TopicReader.awaitMatching(kafka, topics.checkpoints(),
                r -> latest.note().equals(new String(r.value(), StandardCharsets.UTF_8)), 1, Duration.ofSeconds(20)))
                .singleElement().satisfies(r -> assertThat(r.key()).isEqualTo("events-0"));
    }

    @Test
    void shouldCheckpointAChainThatGrewAfterTheInterval() throws Exception {
        TestEvent event = TestEvent.of("task.update").partition(2);
        new TestEvents(kafka, topics, database).publishAndAwait(event);
        long seq = storedSeq(event);

        assertThat(awaitCheckpoints("events-2", seq)).last().satisfies(cp -> assertThat(cp.seq()).isGreaterThanOrEqualTo(seq));
    }

    @Test
    void shouldRegisterTheSigningKeyAndImportRetiredKeysWithTheirValidity() throws SQLException {
        try (Connection c = database.connect();
                Statement s = c.createStatement();
                ResultSet rs = s
                        .executeQuery("SELECT key_id, valid_from, valid_until FROM audit_signing_keys ORDER BY key_id")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                OffsetDateTime until = rs.getObject(3, OffsetDateTime.class);
                rows.add(rs.getString(1) + " " + (until == null ? "open" : until.toInstant()));
                assertThat(rs.getObject(2, OffsetDateTime.class)).isNotNull();
            }
            assertThat(rows).containsExactlyInAnyOrder(TEST_KEY_ID + " open",
                    "pjctrl-audit-retired+b13e79a1 " + Instant.parse("2026-01-01T00:00:00Z"));
        }
    }

    private List<StoredCheckpoint> awaitCheckpoints(String chainId, long minSeq) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            List<StoredCheckpoint> found = checkpoints(chainId);
            if (!found.isEmpty() && found.get(found.size() - 1).seq() >= minSeq) {
                return found;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no checkpoint of " + chainId + " at seq >= " + minSeq + ": " + checkpoints(chainId));
    }

    private List<StoredCheckpoint> checkpoints(String chainId) throws SQLException {
        List<StoredCheckpoint> found = new ArrayList<>();
        try (Connection c = database.connect();
                PreparedStatement s = c.prepareStatement(
                        "SELECT chain_id, seq, head_checksum, key_id, signed_note, root_hash FROM audit_checkpoints WHERE chain_id = ? ORDER BY seq")) {
            s.setString(1, chainId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(new StoredCheckpoint(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6) == null ? null : rs.getString(6).trim()));
                }
            }
        }
        return found;
    }

    private List<VerifierKey> registeredKeys() throws SQLException {
        List<VerifierKey> keys = new ArrayList<>();
        try (Connection c = database.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT public_key FROM audit_signing_keys")) {
            while (rs.next()) {
                keys.add(VerifierKey.parse(rs.getString(1)));
            }
        }
        return keys;
    }

    private Instant validFrom(String keyId) throws SQLException {
        try (Connection c = database.connect();
                PreparedStatement s = c.prepareStatement("SELECT valid_from FROM audit_signing_keys WHERE key_id = ?")) {
            s.setString(1, keyId);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getObject(1, OffsetDateTime.class).toInstant();
            }
        }
    }

    private String storedChecksum(String chainId, long seq) {
        try (Connection c = database.connect();
                PreparedStatement s = c.prepareStatement("SELECT checksum FROM audit_logs WHERE chain_id = ? AND seq = ?")) {
            s.setString(1, chainId);
            s.setLong(2, seq);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long storedSeq(TestEvent event) throws SQLException {
        try (Connection c = database.connect();
                PreparedStatement s = c.prepareStatement("SELECT seq FROM audit_logs WHERE event_id = ?")) {
            s.setObject(1, event.eventId());
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getLong(1);
            }
        }
    }
}
