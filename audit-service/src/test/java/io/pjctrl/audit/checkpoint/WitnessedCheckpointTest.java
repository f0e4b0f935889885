package io.pjctrl.audit.checkpoint;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;

import io.pjctrl.audit.testsupport.InProcessWitness;
import io.pjctrl.audit.testsupport.TestEvent;
import io.pjctrl.audit.testsupport.TestEvents;
import io.pjctrl.audit.web.ApiTokens;
import io.pjctrl.audit.web.Roles;
import io.pjctrl.contract.tlog.Checkpoint;
import io.pjctrl.contract.tlog.NoteSignature;
import io.pjctrl.contract.tlog.NoteSigning;
import io.pjctrl.contract.tlog.SignedNote;
import io.pjctrl.testing.InjectInfra;
import io.pjctrl.testing.TestDatabase;
import io.pjctrl.testing.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * Format-2 checkpoints (C2SP tlog-checkpoint over the chain's Merkle tree), their submission to a witness peer
 * (the in-process witness of every test app, quorum 1), and the refusal to sign a tree that does not extend the
 * previous checkpoint.
 */
@QuarkusTest
class WitnessedCheckpointTest {

    @InjectInfra
    KafkaCompanion kafka;

    @InjectInfra
    TestTopics topics;

    @InjectInfra
    TestDatabase database;

    @InjectInfra
    InProcessWitness witness;

    record Row(String id, long seq, String headChecksum, String rootHash, String note, int format) {
    }

    @Test
    void shouldSignTheTreeRootAndStoreTheWitnessCosignature() throws Exception {
        new TestEvents(kafka, topics, database).publishAndAwait(TestEvent.of("task.update").partition(1),
                TestEvent.of("task.update").partition(1));
        Row checkpoint = await("a checkpoint of events-1 at the tree's size", () -> latest("events-1")
                .filter(c -> c.seq() == treeSize("events-1")));

        assertThat(checkpoint.format()).isEqualTo(2);
        Checkpoint signed = Checkpoint.parse(SignedNote.parse(checkpoint.note()).text());
        assertThat(signed.origin()).isEqualTo("pjctrl-audit/events-1");
        assertThat(signed.size()).isEqualTo(checkpoint.seq());
        assertThat(HexFormat.of().formatHex(signed.rootHash())).isEqualTo(checkpoint.rootHash())
                .isEqualTo(treeRootHex("events-1"));
        assertThat(checkpoint.headChecksum()).isEqualTo(checksumAt("events-1", checkpoint.seq()));

        String line = await("the witness's cosignature of checkpoint " + checkpoint.id(),
                () -> cosignature(checkpoint.id()));
        NoteSignature cosignature = SignedNote.parse(checkpoint.note() + line + "\n").signaturesBy(witness.vkey()).get(0);
        assertThat(NoteSigning.verify(witness.vkey(), SignedNote.parse(checkpoint.note()).text(), cosignature))
                .isPresent();
        assertThat(Checkpoint.parse(witness.held("pjctrl-audit/events-1").orElseThrow().text()).size())
                .isGreaterThanOrEqualTo(checkpoint.seq());

        List<Map<String, Object>> items = given().auth().oauth2(ApiTokens.forRole(Roles.AUDITOR))
                .queryParam("chain_id", "events-1")
                .get("/api/checkpoints")
                .then()
                .statusCode(200)
                .extract()
                .path("items");
        assertThat(items).filteredOn(i -> checkpoint.id().equals(i.get("id"))).singleElement().satisfies(item -> {
            assertThat(item.get("format")).isEqualTo(2);
            assertThat(item.get("root_hash")).isEqualTo(checkpoint.rootHash());
            assertThat((List<?>) item.get("cosignatures")).singleElement()
                    .satisfies(c -> assertThat(((Map<?, ?>) c).get("signature_line")).isEqualTo(line));
        });
    }

    @Test
    void shouldRefuseToSignATreeThatDoesNotExtendThePreviousCheckpointAndKeepIngesting() throws Exception {
        TestEvents events = new TestEvents(kafka, topics, database);
        events.publishAndAwait(TestEvent.of("task.update").partition(3));
        Row before = await("a checkpoint of events-3 at the tree's size", () -> latest("events-3")
                .filter(c -> c.format() == 2 && c.seq() == treeSize("events-3")));

        Map<String, byte[]> original = corruptTiles("events-3");
        try {
            TestEvent after = TestEvent.of("task.update").partition(3);
            events.publishAndAwait(after);

            String alert = await("a checkpoint_inconsistent alert for events-3",
                    () -> alert(CheckpointService.RULE_INCONSISTENT, "events-3"));
            assertThat(alert).contains("does not extend the previous checkpoint of size");
            Thread.sleep(3_000); // longer than the test interval (2s): the tick had its chances to sign
            assertThat(latest("events-3")).hasValueSatisfying(c -> assertThat(c.seq()).isEqualTo(before.seq()));
            assertThat(treeSize("events-3")).as("ingest went on").isGreaterThan(before.seq());
        } finally {
            restoreTiles("events-3", original);
        }
        await("a checkpoint of events-3 once the tiles are restored", () -> latest("events-3")
                .filter(c -> c.seq() > before.seq()));
    }

    @Test
    void shouldAlertWhenTheQuorumIsNotReachedAndCatchUpOnceTheWitnessIsBack() throws Exception {
        String origin = "pjctrl-audit/events-2";
        witness.fail(origin);
        Row checkpoint;
        try {
            new TestEvents(kafka, topics, database).publishAndAwait(TestEvent.of("task.update").partition(2));
            long size = treeSize("events-2");
            checkpoint = await("a checkpoint of events-2 at size " + size, () -> latest("events-2")
                    .filter(c -> c.seq() >= size));

            String alert = await("a witness_quorum_not_reached alert for events-2",
                    () -> alert(Witnesses.RULE_QUORUM, "events-2"));
            assertThat(alert).contains("quorum is 1").contains("refused_503");
            assertThat(cosignature(checkpoint.id())).isEmpty();
        } finally {
            witness.recover(origin);
        }
        // The periodic resubmission (2 s in tests) catches the witness up with the latest checkpoint.
        await("a cosignature of events-2 after the witness recovered", () -> latest("events-2")
                .flatMap(c -> {
                    try {
                        return cosignature(c.id());
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }));
    }

    /** Flips every byte of the chain's hash tiles (levels >= 0) with the append-only triggers off, as a superuser could. */
    private Map<String, byte[]> corruptTiles(String chainId) throws SQLException {
        Map<String, byte[]> original = new LinkedHashMap<>();
        try (Connection c = database.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT level, tile_index, hashes FROM audit_tlog_tiles WHERE chain_id = ? AND level >= 0")) {
                s.setString(1, chainId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        original.put(rs.getShort(1) + "/" + rs.getLong(2), rs.getBytes(3));
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE audit_tlog_tiles DISABLE TRIGGER USER");
            }
            for (Map.Entry<String, byte[]> tile : original.entrySet()) {
                byte[] flipped = tile.getValue().clone();
                for (int i = 0; i < flipped.length; i++) {
                    flipped[i] ^= (byte) 0xff;
                }
                update(c, chainId, tile.getKey(), flipped, tile.getValue().length);
            }
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE audit_tlog_tiles ENABLE TRIGGER USER");
            }
            c.commit();
        }
        assertThat(original).as("the chain has hash tiles to corrupt").isNotEmpty();
        return original;
    }

    /** Puts the original bytes back in front of whatever ingest appended to the rows meanwhile. */
    private void restoreTiles(String chainId, Map<String, byte[]> original) throws SQLException {
        try (Connection c = database.connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE audit_tlog_tiles DISABLE TRIGGER USER");
            }
            for (Map.Entry<String, byte[]> tile : original.entrySet()) {
                update(c, chainId, tile.getKey(), tile.getValue(), tile.getValue().length);
            }
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE audit_tlog_tiles ENABLE TRIGGER USER");
            }
            c.commit();
        }
    }

    /** Replaces the first {@code length} bytes of a tile row with {@code prefix}. */
    private static void update(Connection c, String chainId, String tile, byte[] prefix, int length) throws SQLException {
        String[] id = tile.split("/");
        try (PreparedStatement s = c.prepareStatement("UPDATE audit_tlog_tiles SET hashes = ? || substring(hashes from ?)"
                + " WHERE chain_id = ? AND level = ? AND tile_index = ?")) {
            s.setBytes(1, prefix);
            s.setInt(2, length + 1);
            s.setString(3, chainId);
            s.setShort(4, Short.parseShort(id[0]));
            s.setLong(5, Long.parseLong(id[1]));
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }

    private Optional<Row> latest(String chainId) throws SQLException {
        try (Connection c = database.connect();
                PreparedStatement s = c.prepareStatement("SELECT id::text, seq, head_checksum, root_hash, signed_note, format"
                        + " FROM audit_checkpoints WHERE chain_id = ? ORDER BY seq DESC LIMIT 1")) {
            s.setString(1, chainId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Row(rs.getString(1), rs.getLong(2), rs.getString(3).trim(),
                                rs.getString(4) == null ? null : rs.getString(4).trim(), rs.getString(5), rs.getInt(6)))
                        : Optional.empty();
            }
        }
    }

    private long treeSize(String chainId) throws SQLException {
        return Long.parseLong(single("SELECT size::text FROM audit_tlog_trees WHERE chain_id = ?", chainId).orElse("0"));
    }

    private String treeRootHex(String chainId) throws SQLException {
        return single("SELECT encode(root, 'hex') FROM audit_tlog_trees WHERE chain_id = ?", chainId).orElseThrow();
    }

    private String checksumAt(String chainId, long seq) throws SQLException {
        return single("SELECT checksum FROM audit_logs WHERE chain_id = ? AND seq = " + seq, chainId).orElseThrow();
    }

    private Optional<String> cosignature(String checkpointId) throws SQLException {
        return single("SELECT signature_line FROM audit_checkpoint_cosignatures WHERE checkpoint_id = ?::uuid",
                checkpointId);
    }

    private Optional<String> alert(String rule, String chainId) throws SQLException {
        return single("SELECT message FROM audit_alerts WHERE rule = '" + rule + "' AND message LIKE '%' || ? || '%'"
                + " ORDER BY created_at DESC LIMIT 1", chainId);
    }

    private Optional<String> single(String sql, String parameter) throws SQLException {
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static <T> T await(String what, Callable<Optional<T>> probe) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        List<Exception> errors = new ArrayList<>();
        while (Instant.now().isBefore(deadline)) {
            try {
                Optional<T> found = probe.call();
                if (found.isPresent()) {
                    return found.get();
                }
            } catch (SQLException e) {
                errors.add(e);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no " + what + " within 30 s" + (errors.isEmpty() ? "" : ": " + errors.get(0)));
    }
}
