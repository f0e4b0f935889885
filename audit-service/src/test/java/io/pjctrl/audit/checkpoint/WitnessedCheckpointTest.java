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
import io.pjctrl.contract.tlog.CompactRange;
import io.pjctrl.contract.tlog.NodeVisitor;
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

        // The public checkpoint (no token) is the latest note with its cosignature lines, as a C2SP client reads it.
        SignedNote served = await("the served checkpoint of events-1 with the witness's cosignature", () -> {
            SignedNote note = SignedNote.parse(given().get("/tlog/events-1/checkpoint").then().statusCode(200)
                    .extract().asString());
            return note.signaturesBy(witness.vkey()).stream()
                    .filter(sig -> NoteSigning.verify(witness.vkey(), note.text(), sig).isPresent())
                    .findFirst()
                    .map(sig -> note);
        });
        assertThat(Checkpoint.parse(served.text()).size()).isGreaterThanOrEqualTo(checkpoint.seq());
    }

    @Test
    void shouldRefuseToSignATreeThatDoesNotExtendThePreviousCheckpointAndKeepIngesting() throws Exception {
        TestEvents events = new TestEvents(kafka, topics, database);
        events.publishAndAwait(TestEvent.of("task.update").partition(3));
        Row before = await("a checkpoint of events-3 at the tree's size", () -> latest("events-3")
                .filter(c -> c.format() == 2 && c.seq() == treeSize("events-3")));

        byte[] honestRange = fakeTreeState("events-3", before.seq());
        try {
            events.publishAndAwait(TestEvent.of("task.update").partition(3));

            String alert = await("a checkpoint_inconsistent alert for events-3",
                    () -> alert(CheckpointService.RULE_INCONSISTENT, "events-3"));
            assertThat(alert).contains("does not extend the previous checkpoint of size " + before.seq());
            Thread.sleep(3_000); // longer than the test interval (2s): the tick had its chances to sign
            assertThat(latest("events-3")).hasValueSatisfying(c -> assertThat(c.seq()).isEqualTo(before.seq()));
            assertThat(treeSize("events-3")).as("ingest went on").isGreaterThan(before.seq());
        } finally {
            restoreTreeState("events-3", before.seq(), honestRange);
        }
        await("a checkpoint of events-3 once the tree is restored", () -> latest("events-3")
                .filter(c -> c.seq() > before.seq()));
    }

    @Test
    void shouldAlertWhenTheQuorumIsNotReachedAndCatchUpOnceTheWitnessIsBack() throws Exception {
        String origin = "pjctrl-audit/events-2";
        witness.fail(origin);
        try {
            new TestEvents(kafka, topics, database).publishAndAwait(TestEvent.of("task.update").partition(2));
            long size = treeSize("events-2");
            Row checkpoint = await("a checkpoint of events-2 at size " + size, () -> latest("events-2")
                    .filter(c -> c.seq() >= size));

            String alert = await("a witness_quorum_not_reached alert for events-2",
                    () -> alert(Witnesses.RULE_QUORUM, "events-2"));
            assertThat(alert).contains("quorum is 1").contains("refused_503");
            assertThat(cosignature(checkpoint.id())).isEmpty();
        } finally {
            witness.recover(origin);
        }
        // The periodic resubmission (2 s in tests) catches the witness up with the latest checkpoint.
        await("a cosignature of events-2 after the witness recovered", () -> {
            Optional<Row> latest = latest("events-2");
            return latest.isEmpty() ? Optional.<String>empty() : cosignature(latest.get().id());
        });
    }

    /**
     * Replaces the chain's tree state (root and compact range) by that of another tree of the same size, with the
     * tables' triggers off, as a superuser could; returns the honest compact range.
     */
    private byte[] fakeTreeState(String chainId, long size) throws SQLException {
        CompactRange fake = CompactRange.empty();
        for (long i = 0; i < size; i++) {
            fake.appendData(("forged leaf " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8), NodeVisitor.NONE);
        }
        try (Connection c = database.connect()) {
            c.setAutoCommit(false);
            byte[] honest;
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT size, compact_range FROM audit_tlog_trees WHERE chain_id = ? FOR UPDATE")) {
                s.setString(1, chainId);
                try (ResultSet rs = s.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(1)).as("no ingest since the checkpoint").isEqualTo(size);
                    honest = rs.getBytes(2);
                }
            }
            writeTree(c, chainId, fake);
            c.commit();
            return honest;
        }
    }

    /** The honest range at {@code size}, extended by the leaf hashes ingest stored since (level-0 tiles). */
    private void restoreTreeState(String chainId, long size, byte[] honestRange) throws SQLException {
        try (Connection c = database.connect()) {
            c.setAutoCommit(false);
            long now;
            try (PreparedStatement s = c.prepareStatement("SELECT size FROM audit_tlog_trees WHERE chain_id = ? FOR UPDATE")) {
                s.setString(1, chainId);
                try (ResultSet rs = s.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    now = rs.getLong(1);
                }
            }
            CompactRange range = CompactRange.fromBytes(honestRange);
            for (long leaf = size; leaf < now; leaf++) {
                try (PreparedStatement s = c.prepareStatement("SELECT substring(hashes from ? for 32) FROM"
                        + " audit_tlog_tiles WHERE chain_id = ? AND level = 0 AND tile_index = ?")) {
                    s.setInt(1, (int) (leaf % 256) * 32 + 1);
                    s.setString(2, chainId);
                    s.setLong(3, leaf / 256);
                    try (ResultSet rs = s.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        range.append(rs.getBytes(1), NodeVisitor.NONE);
                    }
                }
            }
            writeTree(c, chainId, range);
            c.commit();
        }
    }

    private static void writeTree(Connection c, String chainId, CompactRange range) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE audit_tlog_trees DISABLE TRIGGER USER");
        }
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE audit_tlog_trees SET root = ?, compact_range = ? WHERE chain_id = ? AND size = ?")) {
            s.setBytes(1, range.root());
            s.setBytes(2, range.toBytes());
            s.setString(3, chainId);
            s.setLong(4, range.size());
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE audit_tlog_trees ENABLE TRIGGER USER");
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

    private long treeSize(String chainId) {
        try {
            return Long.parseLong(single("SELECT size::text FROM audit_tlog_trees WHERE chain_id = ?", chainId)
                    .orElse("0"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
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
