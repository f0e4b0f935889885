package io.pjctrl.audit.verify;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pjctrl.audit.testsupport.TestEvent;
import io.pjctrl.audit.testsupport.TestEvents;
import io.pjctrl.audit.web.ApiTokens;
import io.pjctrl.contract.chain.AuditEntry;
import io.pjctrl.contract.chain.Checksums;
import io.pjctrl.contract.chain.EntrySource;
import io.pjctrl.testing.InjectInfra;
import io.pjctrl.testing.TestDatabase;
import io.pjctrl.testing.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * Verify against what is held outside the database, and reconciliation with the source topic, attacked as issue 15
 * describes by someone with superuser rights on the audit database (direct SQL, append-only triggers disabled): a
 * rewritten tail whose checkpoint rows were deleted is caught by the checkpoints topic and by an auditor's held note;
 * a truncated log by the checkpoint a witness cosigned; a forged row at the head, chained onto and signed by the
 * service, only by reconciliation; a record deleted from the log as missing from it. The chains here are the test
 * profile's own ({@code vfy-<partition>}), since the forged one cannot be put back (the topic keeps what was
 * signed over it).
 */
@QuarkusTest
@TestProfile(OutsideCopiesTest.WithWitness.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OutsideCopiesTest {

    public static class WithWitness implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pjctrl.ingest.chain-prefix", "vfy");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakeWitness.class));
        }
    }

    private static final int PARTITION = 2;
    private static final int FORGED_PARTITION = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectInfra
    KafkaCompanion kafka;
    @InjectInfra
    TestTopics topics;
    @InjectInfra
    TestDatabase db;

    static String chainId;
    ChainTamper tamper;
    List<ChainTamper.Stored> rows;
    long checkpointSeq;

    @BeforeEach
    void validChainWithACheckpoint() throws Exception {
        synchronized (OutsideCopiesTest.class) {
            if (chainId == null) {
                chainId = ingestAndAwaitCheckpoint(PARTITION, 12);
            }
        }
        tamper = new ChainTamper(db, chainId);
        assertThat(verify(body(chainId)).getString("status")).as("chain %s valid before the scenario", chainId)
                .isEqualTo("valid");
        rows = tamper.rows();
        checkpointSeq = tamper.latestCheckpointSeq();
        tamper.snapshot();
    }

    @AfterEach
    void restore() throws Exception {
        witness("DELETE", "");
        tamper.restore();
        assertThat(verify(body(chainId)).getString("status")).as("chain restored").isEqualTo("valid");
    }

    @Test
    @Order(1)
    void shouldBeConsistentWithEveryCopyHeldOutsideAndWithItsPartition() throws Exception {
        String note = latestNote(chainId);
        witness("POST", note);
        // A record that fails the contract: dead-lettered, so reconciliation does not count it as missing.
        new TestEvents(kafka, topics, db).publish(TestEvent.of("task.update").partition(PARTITION).withoutHeader("ce_id"));

        ObjectNode request = body(chainId).put("reconcile", true);
        request.putArray("held_checkpoints").add(note);
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath report = verify(request);
            assertThat(report.getString("status")).isEqualTo("valid");
            assertThat(report.getLong("chains[0].reconciliation.dead_lettered")).isGreaterThanOrEqualTo(1);
            assertThat(report.getLong("chains[0].reconciliation.matched")).isEqualTo(rows.size());
            assertThat(report.getLong("chains[0].reconciliation.missing")).isZero();
        });
        JsonPath report = verify(request);
        assertThat(report.getLong("chains[0].tree_size")).isEqualTo(rows.get(rows.size() - 1).seq());
        List<Map<String, Object>> outside = report.getList("chains[0].outside");
        assertThat(outside).extracting(o -> o.get("source") + " " + o.get("status")).contains("topic consistent",
                "held_checkpoints[0] consistent", witnessSource() + " consistent");
    }

    @Test
    @Order(2)
    void shouldReportARewrittenTailWhoseCheckpointRowsWereDeletedThroughTheTopicAndAHeldCheckpoint() throws Exception {
        String held = latestNote(chainId);
        ChainTamper.Stored target = row(checkpointSeq - 4);
        tamper.tampered("UPDATE audit_logs SET resource_id = 'rewritten' WHERE id = '" + target.id() + "'");
        tamper.rechainFrom(target.seq());
        tamper.tampered("DELETE FROM audit_checkpoints WHERE chain_id = '" + chainId + "' AND seq >= " + target.seq());

        ObjectNode request = body(chainId);
        request.putArray("held_checkpoints").add(held);
        JsonPath report = verify(request);

        assertThat(report.getString("status")).isEqualTo("invalid");
        List<Map<String, Object>> failures = report.getList("failures");
        assertThat(TamperDetectionTest.kinds(failures)).as("the database's own checkpoints are gone")
                .doesNotContain("checkpoint_mismatch").contains("inconsistent_checkpoint", "tree_mismatch");
        Map<String, Object> fromHeld = failure(failures, "inconsistent_checkpoint", "held_checkpoints[0]");
        assertThat(((Number) fromHeld.get("seq")).longValue()).isEqualTo(checkpointSeq);
        assertThat(fromHeld.get("expected")).isEqualTo(signedHash(held));
        assertThat(fromHeld.get("computed")).isNotNull().isNotEqualTo(fromHeld.get("expected"));
        assertThat((String) fromHeld.get("detail")).contains("were changed");
        Map<String, Object> fromTopic = failure(failures, "inconsistent_checkpoint", "topic");
        assertThat(((Number) fromTopic.get("seq")).longValue()).isGreaterThanOrEqualTo(target.seq());
        assertThat(report.getList("chains[0].outside", Map.class)).anySatisfy(o -> assertThat(o)
                .containsEntry("source", "topic").containsEntry("status", "inconsistent"));
    }

    @Test
    @Order(3)
    void shouldReportATruncatedLogAsInconsistentWithTheCheckpointAWitnessCosigned() throws Exception {
        witness("POST", latestNote(chainId));
        long keep = checkpointSeq - 3;
        tamper.tampered("DELETE FROM audit_logs WHERE chain_id = '" + chainId + "' AND seq > " + keep,
                "DELETE FROM audit_checkpoints WHERE chain_id = '" + chainId + "' AND seq > " + keep);

        JsonPath report = verify(body(chainId));

        assertThat(report.getString("status")).isEqualTo("invalid");
        Map<String, Object> fromWitness = failure(report.getList("failures"), "inconsistent_checkpoint", witnessSource());
        assertThat(((Number) fromWitness.get("seq")).longValue()).isEqualTo(checkpointSeq);
        assertThat(fromWitness.get("computed")).isNull();
        assertThat((String) fromWitness.get("detail")).contains("entries were removed");
        assertThat(report.getLong("chains[0].head_seq")).isEqualTo(keep);
    }

    @Test
    @Order(4)
    void shouldReportARecordNeitherStoredNorDeadLetteredAsMissingFromTheLog() throws Exception {
        ChainTamper.Stored deleted = rows.get(rows.size() - 1);
        tamper.tampered("DELETE FROM audit_logs WHERE id = '" + deleted.id() + "'");

        ObjectNode request = body(chainId).put("reconcile", true);
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Map<String, Object>> failures = verify(request).getList("failures");
            Map<String, Object> missing = failure(failures, "missing_from_log", null);
            assertThat(missing).containsEntry("event_id", deleted.entry().eventId().toString())
                    .containsEntry("source_partition", PARTITION);
            assertThat(((Number) missing.get("source_offset")).longValue())
                    .isEqualTo(deleted.entry().entrySource().offset());
        });
    }

    @Test
    @Order(5)
    void shouldReportAForgedHeadRowThatTheServiceChainedOntoAndSignedAsNotInSource() throws Exception {
        String forgedChain = ingestAndAwaitCheckpoint(FORGED_PARTITION, 4);
        ChainTamper forger = new ChainTamper(db, forgedChain);
        List<ChainTamper.Stored> before = forger.rows();
        ChainTamper.Stored head = before.get(before.size() - 1);
        AuditEntry h = head.entry();
        // Correct seq, link and checksum; it claims the offset the next record will have.
        AuditEntry forged = new AuditEntry(UUID.randomUUID(), UUID.randomUUID(), h.eventType(), h.source(),
                h.resourceType(), h.resourceId(), h.projectId(), h.userId(), h.actorRole(), h.action(), h.changes(),
                h.requestMetadata(), h.sensitivityLevel(), h.aggregateVersion(), h.occurredAt(), h.recordedAt(),
                forgedChain, head.seq() + 1, new EntrySource(FORGED_PARTITION, h.entrySource().offset() + 1));
        String checksum = Checksums.compute(head.checksum(), forged);
        forger.tampered("INSERT INTO audit_logs (" + ChainTamper.COLUMNS + ") SELECT '" + forged.id() + "', '"
                + forged.eventId() + "', event_type, source, resource_type, resource_id, project_id, user_id, actor_role,"
                + " action, changes, request_metadata, sensitivity_level, aggregate_version, occurred_at, recorded_at,"
                + " chain_id, " + forged.seq() + ", '" + head.checksum() + "', '" + checksum + "', 2, " + FORGED_PARTITION
                + ", " + forged.entrySource().offset() + " FROM audit_logs WHERE id = '" + head.id() + "'");
        // The next batch chains onto the forged row, and the next checkpoint signs it.
        TestEvent next = TestEvent.of("task.update").partition(FORGED_PARTITION).resource("task", UUID.randomUUID().toString())
                .aggregateVersion(1);
        new TestEvents(kafka, topics, db).publishAndAwait(next);
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> forger.latestCheckpointSeq() >= head.seq() + 2 && treeSize(forgedChain) >= head.seq() + 2);

        assertThat(verify(body(forgedChain)).getString("status"))
                .as("the forgery links, hashes, is in the tree and signed: nothing inside the database shows it")
                .isEqualTo("valid");
        ObjectNode request = body(forgedChain).put("reconcile", true);
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath report = verify(request);
            assertThat(report.getString("status")).isEqualTo("invalid");
            List<Map<String, Object>> failures = report.getList("failures");
            assertThat(TamperDetectionTest.kinds(failures)).containsOnly("not_in_source");
            assertThat(failures).singleElement().satisfies(f -> {
                assertThat(f).containsEntry("entry_id", forged.id().toString())
                        .containsEntry("event_id", forged.eventId().toString())
                        .containsEntry("expected", next.eventId().toString());
                assertThat(((Number) f.get("seq")).longValue()).isEqualTo(forged.seq());
            });
            assertThat(report.getLong("chains[0].reconciliation.matched")).isEqualTo(before.size() + 1);
        });
    }

    private static Map<String, Object> failure(List<Map<String, Object>> failures, String kind, String source) {
        return failures.stream()
                .filter(f -> kind.equals(f.get("kind")) && (source == null || source.equals(f.get("source"))))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " failure from " + source + " in " + failures));
    }

    private ChainTamper.Stored row(long seq) {
        return rows.stream().filter(r -> r.seq() == seq).findFirst().orElseThrow();
    }

    private static String signedHash(String note) {
        return note.split("\n")[2];
    }

    private static String witnessSource() {
        return "witness " + ConfigProvider.getConfig().getValue("pjctrl.witnesses[0].url", String.class);
    }

    /** Tells the test witness to hold (cosign) {@code note}, or with DELETE to forget everything. */
    private static void witness(String method, String note) throws Exception {
        String url = ConfigProvider.getConfig().getValue("pjctrl.witnesses[0].url", String.class);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/test/hold"))
                .method(method, HttpRequest.BodyPublishers.ofString(note)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private String latestNote(String chain) throws Exception {
        try (Connection c = db.connect();
                PreparedStatement s = c.prepareStatement(
                        "SELECT signed_note FROM audit_checkpoints WHERE chain_id = ? ORDER BY seq DESC LIMIT 1")) {
            s.setString(1, chain);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("a checkpoint of %s", chain).isTrue();
                return rs.getString(1);
            }
        }
    }

    private long treeSize(String chain) throws Exception {
        try (Connection c = db.connect();
                PreparedStatement s = c
                        .prepareStatement("SELECT coalesce(max(size), 0) FROM audit_tlog_trees WHERE chain_id = ?")) {
            s.setString(1, chain);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Ingests task updates to one partition until a checkpoint covers them; returns the chain. */
    private String ingestAndAwaitCheckpoint(int partition, int count) throws Exception {
        List<TestEvent> batch = new ArrayList<>();
        String resource = UUID.randomUUID().toString();
        for (int i = 1; i <= count; i++) {
            batch.add(TestEvent.of("task.update").partition(partition).resource("task", resource).aggregateVersion(i)
                    .actor(UUID.randomUUID(), "member").occurredAt(Instant.now()));
        }
        new TestEvents(kafka, topics, db).publishAndAwait(batch);
        String chain = "vfy-" + partition;
        long head = new ChainTamper(db, chain).rows().stream().mapToLong(ChainTamper.Stored::seq).max().orElseThrow();
        ChainTamper probe = new ChainTamper(db, chain);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> probe.latestCheckpointSeq() >= head
                && treeSize(chain) >= head);
        return chain;
    }

    private static ObjectNode body(String chain) {
        return JSON.createObjectNode().put("chain_id", chain);
    }

    static JsonPath verify(ObjectNode body) {
        return given().auth().oauth2(ApiTokens.forRole("auditor")).contentType("application/json")
                .body(body.toString()).post("/api/integrity/verify")
                .then().statusCode(200).extract().jsonPath();
    }
}
