package io.pjctrl.audit.privacy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pjctrl.audit.log.LogPartitions;
import io.pjctrl.audit.testsupport.CopiedChain;
import io.pjctrl.audit.testsupport.LogRows;
import io.pjctrl.audit.testsupport.TlogCheckpoints;
import io.pjctrl.audit.web.ApiTokens;
import io.pjctrl.contract.chain.AuditEntry;
import io.pjctrl.contract.chain.Checksums;
import io.pjctrl.contract.verifier.VerifyExport;
import io.pjctrl.testing.InjectInfra;
import io.pjctrl.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Retention with a clock of the test's choosing, over chains copied into months long past (no other test writes
 * there): months past their retention are archived (NDJSON with proofs + manifest, verified offline by
 * pjctrl-verify.jar), recorded per chain, detached and dropped, and the rest of each chain still verifies online from
 * its minimum index; a critical month outlives a low one; an active legal hold keeps its month until released; a month
 * that is not a prefix of its chain waits, with the reason. The methods run in order: each run evaluates every month
 * before its clock, so the later eras must not exist yet when an earlier one runs.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RetentionTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path ARCHIVES = Path.of("target/retention-archives");

    @InjectInfra
    TestDatabase db;
    @Inject
    RetentionService retention;
    @Inject
    LogPartitions partitions;

    @Test
    @Order(1)
    void shouldArchiveDropAndStillVerifyTheMonthsPastTheirRetention() throws Exception {
        String chain = chainId("a");
        List<AuditEntry> entries = new ArrayList<>();
        for (int seq = 1; seq <= 4; seq++) {
            entries.add(entry(chain, seq, "2011-01-1" + seq + "T10:00:00Z", "low", null));
        }
        entries.add(entry(chain, 5, "2011-03-05T10:00:00Z", "low", null));
        entries.add(entry(chain, 6, "2011-03-06T10:00:00Z", "medium", null));
        entries.add(entry(chain, 7, "2011-04-02T10:00:00Z", "critical", null));
        entries.add(entry(chain, 8, "2011-04-03T10:00:00Z", "low", null));
        copyAndCheckpoint(chain, entries);

        // 2011-01 (low) is due from 2012-02-01 and 2011-03 (medium) from 2013-04-01; 2011-04 holds a critical entry.
        RetentionReport early = run("2012-06-01T00:00:00Z");
        assertThat(outcome(early, "2011-01").status()).as(early.toString()).isEqualTo("archived");
        assertThat(outcome(early, "2011-03").status()).isEqualTo("not_due");
        assertThat(outcome(early, "2011-03").dueAt()).isEqualTo("2013-04-01T00:00:00Z");
        RetentionReport report = run("2013-06-01T00:00:00Z");
        assertThat(report.months()).extracting(MonthOutcome::month).doesNotContain("2011-01");
        assertThat(outcome(report, "2011-03").status()).as(report.toString()).isEqualTo("archived");
        MonthOutcome critical = outcome(report, "2011-04");
        assertThat(critical.status()).isEqualTo("not_due");
        assertThat(critical.dueAt()).isEqualTo("2018-05-01T00:00:00Z");

        assertThat(partitionExists("2011_01")).isFalse();
        assertThat(partitionExists("2011_03")).isFalse();
        assertThat(partitionExists("2011_04")).isTrue();
        // The ingest dead-letters events of archived months (occurred_at_archived) instead of recreating them.
        assertThat(partitions.archived(Instant.parse("2011-03-31T23:59:59Z"))).isTrue();
        assertThat(partitions.archived(Instant.parse("2011-02-10T00:00:00Z"))).as("before the latest archived month").isTrue();
        assertThat(partitions.archived(Instant.parse("2011-04-01T00:00:00Z"))).isFalse();
        partitions.refreshArchived().await().indefinitely();
        assertThat(partitions.archived(Instant.parse("2011-03-01T00:00:00Z"))).as("as read from audit_archives").isTrue();
        assertThat(count("SELECT coalesce(sum(entries), 0) FROM audit_activity WHERE hour >= '2011-01-01T00:00:00Z'"
                + " AND hour < '2011-04-01T00:00:00Z'")).as("the dropped months' activity counts go with them").isZero();
        assertThat(count("SELECT coalesce(sum(entries), 0) FROM audit_activity WHERE hour >= '2011-04-01T00:00:00Z'"
                + " AND hour < '2011-05-01T00:00:00Z'")).as("the kept month's counts stay").isGreaterThanOrEqualTo(2);
        assertThat(count("SELECT count(*) FROM audit_logs WHERE chain_id = '" + chain + "'")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM audit_log_keys WHERE chain_id = '" + chain + "'")).isEqualTo(8);
        assertThat(count("SELECT count(*) FROM audit_archived_ranges WHERE chain_id = '" + chain
                + "' AND ((first_seq = 1 AND last_seq = 4) OR (first_seq = 5 AND last_seq = 6))")).isEqualTo(2);

        JsonNode january = manifest("2011-01");
        JsonNode march = manifest("2011-03");
        Path januaryFile = ARCHIVES.resolve(january.get("file").asText());
        assertThat(sha256(januaryFile)).isEqualTo(january.get("sha256").asText())
                .isEqualTo(text("SELECT sha256 FROM audit_archives WHERE month = '2011-01-01'"));
        JsonNode januaryRange = range(january, chain);
        assertThat(januaryRange.get("first_seq").asLong()).isEqualTo(1);
        assertThat(januaryRange.get("last_seq").asLong()).isEqualTo(4);
        assertThat(januaryRange.get("first_prev_checksum").asText()).isEqualTo(Checksums.GENESIS);
        assertThat(range(march, chain).get("first_prev_checksum").asText())
                .isEqualTo(januaryRange.get("last_checksum").asText());
        assertThat(Files.readAllLines(januaryFile)).allSatisfy(line -> assertThat(JSON.readTree(line)
                .get("tlog_proof").isTextual()).isTrue());

        Offline first = verifyOffline(januaryFile, false);
        assertThat(first.exit()).as(first.out() + first.err()).isZero();
        assertThat(first.out()).contains(chain + " OK entries=4 seq=1..4 complete=yes").contains("proofs=4/4");
        Path marchFile = ARCHIVES.resolve(march.get("file").asText());
        Offline segment = verifyOffline(marchFile, true);
        assertThat(segment.exit()).as(segment.out() + segment.err()).isZero();
        assertThat(segment.out()).contains(chain + " OK entries=2 seq=5..6 complete=segment")
                .contains("segment from seq 5 after prev_checksum " + januaryRange.get("last_checksum").asText());
        assertThat(verifyOffline(marchFile, false).exit()).as("a segment read as a whole chain has a gap").isEqualTo(1);

        Response verify = given().auth().oauth2(ApiTokens.forRole("auditor")).contentType("application/json")
                .body("{\"chain_id\":\"" + chain + "\"}").post("/api/integrity/verify");
        assertThat(verify.statusCode()).isEqualTo(200);
        assertThat(verify.jsonPath().getString("status")).as(verify.asString()).isEqualTo("valid");
        assertThat(verify.jsonPath().getLong("chains[0].checked")).isEqualTo(2);
        assertThat(verify.jsonPath().getLong("chains[0].first_seq")).isEqualTo(7);
        assertThat(verify.jsonPath().getLong("chains[0].archived.last_seq")).isEqualTo(6);
        assertThat(verify.jsonPath().getLong("chains[0].archived.minimum_index")).isEqualTo(6);

        Response archives = given().auth().oauth2(ApiTokens.forRole("auditor")).get("/api/privacy/archives");
        assertThat(archives.jsonPath().getList("chains.findAll { it.chain_id == '" + chain + "' }.minimum_index"))
                .containsExactly(6);
        assertThat(archives.jsonPath().getList("archives.month")).contains("2011-01", "2011-03");
    }

    @Test
    @Order(2)
    void shouldKeepAHeldMonthUntilTheHoldIsReleased() throws Exception {
        String chain = chainId("held");
        UUID user = UUID.randomUUID();
        copyAndCheckpoint(chain, List.of(entry(chain, 1, "2013-03-01T10:00:00Z", "low", null),
                entry(chain, 2, "2013-03-02T10:00:00Z", "low", user),
                entry(chain, 3, "2013-05-02T10:00:00Z", "critical", null)));
        Response placed = given().auth().oauth2(ApiTokens.forRole("admin")).contentType("application/json")
                .body("{\"user_id\":\"" + user + "\",\"reason\":\"retention test\"}").post("/api/privacy/holds");
        assertThat(placed.statusCode()).as(placed.asString()).isEqualTo(201);
        String hold = placed.jsonPath().getString("id");

        MonthOutcome held = outcome(run("2014-06-01T00:00:00Z"), "2013-03");
        assertThat(held.status()).isEqualTo("held");
        assertThat(held.detail()).contains(hold);
        assertThat(partitionExists("2013_03")).isTrue();
        assertThat(given().auth().oauth2(ApiTokens.forRole("auditor")).get("/api/privacy/retention")
                .jsonPath().getList("months.findAll { it.month == '2013-03' }.status")).containsExactly("held");

        assertThat(given().auth().oauth2(ApiTokens.forRole("admin")).post("/api/privacy/holds/" + hold + "/release")
                .statusCode()).isEqualTo(200);
        assertThat(outcome(run("2014-06-01T00:00:00Z"), "2013-03").status()).isEqualTo("archived");
        assertThat(partitionExists("2013_03")).isFalse();
    }

    @Test
    @Order(3)
    void shouldWaitWithTheReasonWhenAMonthIsNotAPrefixOfItsChain() throws Exception {
        String chain = chainId("late");
        // seq 2 occurred in January but was chained after seq 1 of February: January is not the chain's oldest part.
        copyAndCheckpoint(chain, List.of(entry(chain, 1, "2015-02-01T10:00:00Z", "critical", null),
                entry(chain, 2, "2015-01-31T10:00:00Z", "low", null),
                entry(chain, 3, "2015-03-02T10:00:00Z", "critical", null)));
        MonthOutcome waiting = outcome(run("2016-06-01T00:00:00Z"), "2015-01");
        assertThat(waiting.status()).isEqualTo("waiting");
        assertThat(waiting.reason()).isEqualTo("not_a_prefix");
        assertThat(waiting.detail()).contains(chain);
        assertThat(partitionExists("2015_01")).isTrue();
        String metrics = given().get("/q/metrics").asString();
        assertThat(metrics).containsPattern("pjctrl_retention_months_waiting [1-9]");
    }

    @Test
    @Order(4)
    void shouldFailVerificationWhenTheFirstRetainedEntryDoesNotLinkToTheArchivedRange() throws Exception {
        String chain = chainId("link");
        copyAndCheckpoint(chain, List.of(entry(chain, 1, "2017-01-01T10:00:00Z", "low", null),
                entry(chain, 2, "2017-01-02T10:00:00Z", "low", null),
                entry(chain, 3, "2017-02-02T10:00:00Z", "critical", null)));
        assertThat(outcome(run("2018-06-01T00:00:00Z"), "2017-01").status()).isEqualTo("archived");
        assertThat(verify(chain).jsonPath().getString("status")).isEqualTo("valid");

        // Someone with the owner's rights rewrites the archived range's last checksum: seq 3 no longer links to it.
        // Restored afterwards: other test classes verify the whole log and expect every untouched chain valid.
        String forged = "f".repeat(64);
        String original = text("SELECT last_checksum FROM audit_archived_ranges WHERE chain_id = '" + chain + "'");
        setLastChecksum(chain, forged);
        try {
            Response tampered = verify(chain);
            assertThat(tampered.jsonPath().getString("status")).isEqualTo("invalid");
            assertThat(tampered.jsonPath().getString("failures[0].kind")).isEqualTo("broken_link");
            assertThat(tampered.jsonPath().getLong("failures[0].seq")).isEqualTo(3);
            assertThat(tampered.jsonPath().getString("failures[0].expected")).isEqualTo(forged);
        } finally {
            setLastChecksum(chain, original);
        }
        assertThat(verify(chain).jsonPath().getString("status")).isEqualTo("valid");
    }

    private void setLastChecksum(String chain, String checksum) throws SQLException {
        execute("ALTER TABLE audit_archived_ranges DISABLE TRIGGER audit_archived_ranges_append_only",
                "UPDATE audit_archived_ranges SET last_checksum = '" + checksum + "' WHERE chain_id = '" + chain + "'",
                "ALTER TABLE audit_archived_ranges ENABLE TRIGGER audit_archived_ranges_append_only");
    }

    private static Response verify(String chain) {
        Response response = given().auth().oauth2(ApiTokens.forRole("auditor")).contentType("application/json")
                .body("{\"chain_id\":\"" + chain + "\"}").post("/api/integrity/verify");
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }

    private void execute(String... statements) throws SQLException {
        try (Connection c = db.connect(); java.sql.Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (String statement : statements) {
                s.execute(statement);
            }
            c.commit();
        }
    }

    private RetentionReport run(String now) {
        return retention.run(Instant.parse(now)).await().atMost(Duration.ofMinutes(2));
    }

    private static MonthOutcome outcome(RetentionReport report, String month) {
        assertThat(report.ran()).isTrue();
        return report.months().stream().filter(m -> m.month().equals(month)).findFirst()
                .orElseThrow(() -> new AssertionError("no outcome for " + month + " in " + report));
    }

    private static String chainId(String name) {
        return "retention-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static AuditEntry entry(String chain, long seq, String occurredAt, String sensitivity, UUID user) {
        AuditEntry e = LogRows.entry(chain, seq, Instant.parse(occurredAt), Instant.parse(occurredAt).plusMillis(5));
        return new AuditEntry(e.id(), e.eventId(), e.eventType(), e.source(), e.resourceType(), e.resourceId(),
                e.projectId(), user != null ? user : e.userId(), e.actorRole(), e.action(), e.changes(),
                e.requestMetadata(), sensitivity, e.aggregateVersion(), e.occurredAt(), e.recordedAt(), chain, seq,
                e.entrySource());
    }

    /** Copies the chain in and makes sure a tree-root checkpoint covers all of it (the service's or one signed here). */
    private void copyAndCheckpoint(String chain, List<AuditEntry> entries) throws SQLException {
        try (Connection c = db.connect()) {
            CopiedChain.copy(c, Checksums.GENESIS, entries);
        }
        long size = TlogCheckpoints.awaitTreeSize(db, chain, entries.size());
        TlogCheckpoints.Stored latest = TlogCheckpoints.latest(db, chain);
        if (latest == null || latest.size() < size) {
            TlogCheckpoints.sign(db, chain, size);
        }
    }

    record Offline(int exit, String out, String err) {
    }

    private static Offline verifyOffline(Path file, boolean segment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("--key", TlogCheckpoints.logKey().format()));
        if (segment) {
            args.add("--segment");
        }
        args.add(file.toString());
        int exit = VerifyExport.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Offline(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static JsonNode manifest(String month) throws Exception {
        return JSON.readTree(ARCHIVES.resolve("audit-archive-" + month + ".manifest.json").toFile());
    }

    private static JsonNode range(JsonNode manifest, String chain) {
        for (JsonNode range : manifest.get("chains")) {
            if (range.get("chain_id").asText().equals(chain)) {
                return range;
            }
        }
        throw new AssertionError("chain " + chain + " not in " + manifest);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private boolean partitionExists(String month) throws SQLException {
        return text("SELECT to_regclass('audit_logs_" + month + "')::text") != null;
    }

    private long count(String sql) throws SQLException {
        return Long.parseLong(text(sql));
    }

    private String text(String sql) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }
}
