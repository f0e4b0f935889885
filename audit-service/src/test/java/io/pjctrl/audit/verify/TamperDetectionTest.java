package io.pjctrl.audit.verify;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pjctrl.audit.testsupport.TestEvent;
import io.pjctrl.audit.testsupport.TestEvents;
import io.pjctrl.audit.web.ApiTokens;
import io.pjctrl.contract.chain.AuditEntry;
import io.pjctrl.contract.chain.Checksums;
import io.pjctrl.contract.note.Checkpoint;
import io.pjctrl.contract.note.NoteSigner;
import io.pjctrl.contract.note.VerifierKey;
import io.pjctrl.testing.InjectInfra;
import io.pjctrl.testing.TestDatabase;
import io.pjctrl.testing.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * Each tampering, done by direct SQL with the append-only triggers disabled, is reported invalid with the right entry
 * and kind. Every test starts from the same valid chain (events that went through the real ingest, covered by a
 * signed checkpoint) and puts it back afterwards ({@link ChainTamper#restore}), which the next test re-checks.
 */
@QuarkusTest
class TamperDetectionTest {

    static String chainId;

    @InjectInfra
    KafkaCompanion kafka;
    @InjectInfra
    TestTopics topics;
    @InjectInfra
    TestDatabase db;

    ChainTamper tamper;
    List<ChainTamper.Stored> rows;
    long checkpointSeq;

    @BeforeEach
    void validChainWithACheckpoint() throws Exception {
        synchronized (TamperDetectionTest.class) {
            if (chainId == null) {
                chainId = ingestAndAwaitCheckpoint();
            }
        }
        tamper = new ChainTamper(db, chainId);
        assertThat(verify(chainId).getString("status")).as("chain %s valid before the scenario", chainId).isEqualTo("valid");
        rows = tamper.rows();
        checkpointSeq = tamper.latestCheckpointSeq();
        assertThat(checkpointSeq).isGreaterThanOrEqualTo(8);
        tamper.snapshot();
    }

    @AfterEach
    void restore() throws Exception {
        tamper.restore();
        assertThat(verify(chainId).getString("status")).as("chain restored").isEqualTo("valid");
    }

    @Test
    void shouldReportAChangedFieldAsChecksumMismatchOfThatEntry() throws Exception {
        ChainTamper.Stored target = row(checkpointSeq - 3);
        tamper.tampered("UPDATE audit_logs SET changes = '{\"status\":{\"old\":\"todo\",\"new\":\"approved\"}}' WHERE id = '"
                + target.id() + "'");

        JsonPath report = verify(chainId);
        assertThat(report.getString("status")).isEqualTo("invalid");
        Map<String, Object> first = report.getMap("failures[0]");
        assertThat(first).containsEntry("kind", "checksum_mismatch").containsEntry("entry_id", target.id().toString());
        assertThat(((Number) first.get("seq")).longValue()).isEqualTo(target.seq());
        assertThat(first.get("expected")).isEqualTo(target.checksum());
        assertThat(first.get("computed")).isNotEqualTo(target.checksum());
    }

    @Test
    void shouldReportADeletedRowAsAGap() throws Exception {
        ChainTamper.Stored deleted = row(checkpointSeq - 4);
        ChainTamper.Stored next = row(checkpointSeq - 3);
        tamper.tampered("DELETE FROM audit_logs WHERE id = '" + deleted.id() + "'");

        List<Map<String, Object>> failures = verify(chainId).getList("failures");
        Map<String, Object> gap = failures.get(0);
        assertThat(gap).containsEntry("kind", "gap").containsEntry("entry_id", next.id().toString())
                .containsEntry("expected", Long.toString(deleted.seq())).containsEntry("computed", Long.toString(next.seq()));
        assertThat(kinds(failures)).contains("broken_link");
    }

    @Test
    void shouldReportAnInsertedRowWhereTheChainNoLongerLinks() throws Exception {
        ChainTamper.Stored before = row(checkpointSeq - 4);
        ChainTamper.Stored displaced = row(checkpointSeq - 3);
        // The forger shifts the later entries and chains a well-formed entry after `before`.
        AuditEntry forged = new AuditEntry(UUID.randomUUID(), UUID.randomUUID(), "task.delete", before.entry().source(),
                "task", UUID.randomUUID().toString(), before.entry().projectId(), before.entry().userId(),
                before.entry().actorRole(), "delete", before.entry().changes(), before.entry().requestMetadata(),
                "low", 1, before.entry().occurredAt(), before.entry().recordedAt(), chainId, before.seq() + 1);
        String checksum = Checksums.compute(before.checksum(), forged);
        tamper.tampered(
                "UPDATE audit_logs SET chain_id = '" + chainId + "~shift', seq = seq + 1 WHERE chain_id = '" + chainId
                        + "' AND seq > " + before.seq(),
                "UPDATE audit_logs SET chain_id = '" + chainId + "' WHERE chain_id = '" + chainId + "~shift'",
                "INSERT INTO audit_logs (id, event_id, event_type, source, resource_type, resource_id, project_id, user_id,"
                        + " actor_role, action, changes, request_metadata, sensitivity_level, aggregate_version, occurred_at,"
                        + " recorded_at, chain_id, seq, prev_checksum, checksum) SELECT '" + forged.id() + "', '"
                        + forged.eventId() + "', 'task.delete', source, 'task', '" + forged.resourceId() + "', project_id,"
                        + " user_id, actor_role, 'delete', changes, request_metadata, 'low', 1, occurred_at, recorded_at,"
                        + " chain_id, " + forged.seq() + ", '" + before.checksum() + "', '" + checksum
                        + "' FROM audit_logs WHERE id = '" + before.id() + "'");

        List<Map<String, Object>> failures = verify(chainId).getList("failures");
        assertThat(failures.get(0)).containsEntry("entry_id", displaced.id().toString());
        assertThat(((Number) failures.get(0).get("seq")).longValue()).isEqualTo(displaced.seq() + 1);
        assertThat(failures.stream().filter(f -> displaced.id().toString().equals(f.get("entry_id"))).map(f -> f.get("kind")))
                .contains("broken_link", "checksum_mismatch");
    }

    @Test
    void shouldReportTwoSwappedRowsAsABrokenLinkAtTheFirst() throws Exception {
        ChainTamper.Stored a = row(checkpointSeq - 5);
        ChainTamper.Stored b = row(checkpointSeq - 4);
        tamper.tampered(
                "UPDATE audit_logs SET chain_id = '" + chainId + "~swap' WHERE id = '" + a.id() + "'",
                "UPDATE audit_logs SET seq = " + a.seq() + " WHERE id = '" + b.id() + "'",
                "UPDATE audit_logs SET chain_id = '" + chainId + "', seq = " + b.seq() + " WHERE id = '" + a.id() + "'");

        List<Map<String, Object>> failures = verify(chainId).getList("failures");
        Map<String, Object> first = failures.get(0);
        assertThat(first).containsEntry("kind", "broken_link").containsEntry("entry_id", b.id().toString());
        assertThat(((Number) first.get("seq")).longValue()).isEqualTo(a.seq());
        assertThat(first.get("expected")).isEqualTo(row(a.seq() - 1).checksum());
        assertThat(failures.stream().filter(f -> a.id().toString().equals(f.get("entry_id"))).map(f -> f.get("kind")))
                .contains("broken_link");
    }

    @Test
    void shouldReportATailTruncatedBelowTheLastCheckpoint() throws Exception {
        long keep = checkpointSeq - 2;
        tamper.tampered("DELETE FROM audit_logs WHERE chain_id = '" + chainId + "' AND seq > " + keep);

        JsonPath report = verify(chainId);
        assertThat(report.getString("status")).isEqualTo("invalid");
        List<Map<String, Object>> failures = report.getList("failures");
        // The stored tree still has the removed leaves, and the checkpoints topic still holds what was signed.
        assertThat(kinds(failures)).containsOnly("checkpoint_mismatch", "tree_mismatch", "inconsistent_checkpoint")
                .contains("checkpoint_mismatch", "tree_mismatch");
        List<Map<String, Object>> signed = ofKind(failures, "checkpoint_mismatch");
        Map<String, Object> latest = signed.get(signed.size() - 1);
        assertThat(((Number) latest.get("seq")).longValue()).isEqualTo(checkpointSeq);
        assertThat(latest.get("computed")).isNull();
        assertThat(report.getLong("chains[0].head_seq")).isEqualTo(keep);
    }

    @Test
    void shouldReportAHistoryRewrittenWithoutTheSigningKey() throws Exception {
        ChainTamper.Stored target = row(checkpointSeq - 6);
        tamper.tampered("UPDATE audit_logs SET resource_id = 'rewritten' WHERE id = '" + target.id() + "'");
        tamper.rechainFrom(target.seq());

        JsonPath report = verify(chainId);
        assertThat(report.getString("status")).isEqualTo("invalid");
        List<Map<String, Object>> failures = report.getList("failures");
        assertThat(kinds(failures)).as("the rewritten chain links; the signed checkpoints and the tree disagree")
                .containsOnly("checkpoint_mismatch", "tree_mismatch", "inconsistent_checkpoint")
                .contains("checkpoint_mismatch", "tree_mismatch");
        List<Map<String, Object>> signed = ofKind(failures, "checkpoint_mismatch");
        Map<String, Object> last = signed.get(signed.size() - 1);
        assertThat(((Number) last.get("seq")).longValue()).isEqualTo(checkpointSeq);
        assertThat(last.get("entry_id")).isEqualTo(row(checkpointSeq).id().toString());
        assertThat(last.get("expected")).isNotEqualTo(last.get("computed"));
    }

    @Test
    void shouldReportACheckpointResignedWithAnotherKey() throws Exception {
        NoteSigner forger = new NoteSigner(keyName(), KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate());
        Checkpoint claim = new Checkpoint(origin(), checkpointSeq, row(checkpointSeq).checksum(), Instant.now());
        String note = forger.sign(claim);
        // The forger also publishes its key: verification trusts only keys pinned in the service's configuration.
        VerifierKey key = forger.verifierKey();
        tamper.tampered("INSERT INTO audit_signing_keys (key_id, algorithm, public_key, valid_from) VALUES ('" + key.keyId()
                + "', 'Ed25519', '" + key.encoded() + "', now() - interval '1 day') ON CONFLICT DO NOTHING",
                "UPDATE audit_checkpoints SET signed_note = '" + note.replace("'", "''") + "', key_id = '" + key.keyId()
                        + "' WHERE chain_id = '" + chainId + "' AND seq = " + checkpointSeq);
        List<Map<String, Object>> failures = verify(chainId).getList("failures");
        assertThat(failures).anySatisfy(f -> {
            assertThat(f).containsEntry("kind", "bad_signature");
            assertThat(((Number) f.get("seq")).longValue()).isEqualTo(checkpointSeq);
        });
    }

    @Test
    void shouldRaiseACriticalAlertWhenInvalid() throws Exception {
        ChainTamper.Stored target = row(checkpointSeq - 2);
        tamper.tampered("UPDATE audit_logs SET action = 'restore' WHERE id = '" + target.id() + "'");
        Instant before = Instant.now().minusSeconds(1);

        assertThat(verify(chainId).getString("status")).isEqualTo("invalid");
        List<Map<String, Object>> alerts = given().auth().oauth2(ApiTokens.forRole("auditor"))
                .get("/api/alerts?rule=integrity_verification_failed&severity=critical&from=" + before)
                .then().statusCode(200).extract().jsonPath().getList("items");
        assertThat(alerts).isNotEmpty();
        assertThat((String) alerts.get(0).get("message")).contains("checksum_mismatch");
        assertThat(alerts.get(0).get("audit_log_id")).isNull();
    }

    private ChainTamper.Stored row(long seq) {
        return rows.stream().filter(r -> r.seq() == seq).findFirst().orElseThrow();
    }

    private String origin() throws Exception {
        try (Connection c = db.connect();
                PreparedStatement s = c
                        .prepareStatement("SELECT origin, key_id FROM audit_checkpoints WHERE chain_id = ? AND seq = ?")) {
            s.setString(1, chainId);
            s.setLong(2, checkpointSeq);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private String keyName() throws Exception {
        try (Connection c = db.connect();
                PreparedStatement s = c
                        .prepareStatement("SELECT key_id FROM audit_checkpoints WHERE chain_id = ? AND seq = ?")) {
            s.setString(1, chainId);
            s.setLong(2, checkpointSeq);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                String keyId = rs.getString(1);
                return keyId.substring(0, keyId.lastIndexOf('+'));
            }
        }
    }

    /** Ingests task updates (no alert rule fires on them) until one chain is covered by a checkpoint at seq >= 8. */
    private String ingestAndAwaitCheckpoint() throws Exception {
        TestEvents events = new TestEvents(kafka, topics, db);
        List<TestEvent> batch = new ArrayList<>();
        String resource = UUID.randomUUID().toString();
        for (int i = 1; i <= 12; i++) {
            batch.add(TestEvent.of("task.update").resource("task", resource).aggregateVersion(i)
                    .actor(UUID.randomUUID(), "member").occurredAt(Instant.now()));
        }
        events.publishAndAwait(batch);
        String chain;
        long lastSeq;
        try (Connection c = db.connect();
                PreparedStatement s = c.prepareStatement(
                        "SELECT chain_id, max(seq) FROM audit_logs WHERE resource_id = ? GROUP BY chain_id")) {
            s.setString(1, resource);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                chain = rs.getString(1);
                lastSeq = rs.getLong(2);
            }
        }
        ChainTamper probe = new ChainTamper(db, chain);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (probe.latestCheckpointSeq() < lastSeq && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
        assertThat(probe.latestCheckpointSeq()).as("checkpoint of chain %s", chain).isGreaterThanOrEqualTo(lastSeq);
        return chain;
    }

    static List<Map<String, Object>> ofKind(List<Map<String, Object>> failures, String kind) {
        return failures.stream().filter(f -> kind.equals(f.get("kind"))).toList();
    }

    static List<Object> kinds(List<Map<String, Object>> failures) {
        return failures.stream().map(f -> f.get("kind")).toList();
    }

    static JsonPath verify(String chain) {
        return given().auth().oauth2(ApiTokens.forRole("auditor")).contentType("application/json")
                .body("{\"chain_id\":\"" + chain + "\"}").post("/api/integrity/verify")
                .then().statusCode(200).extract().jsonPath();
    }
}
