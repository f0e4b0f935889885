package io.pjctrl.audit.privacy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pjctrl.audit.testsupport.TestEvent;
import io.pjctrl.audit.testsupport.TestEvents;
import io.pjctrl.audit.testsupport.TlogCheckpoints;
import io.pjctrl.audit.web.ApiTokens;
import io.pjctrl.contract.verifier.VerifyExport;
import io.pjctrl.testing.InjectInfra;
import io.pjctrl.testing.TestDatabase;
import io.pjctrl.testing.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * Issue 18's acceptance: a user's e-mail, display name, IP address and user agent go through the real ingest, are
 * shown while the user's key exists, and after the erasure appear in no API response, no export and no pg_dump of the
 * audit database, while verify, the offline verifier and the inclusion proofs still accept every entry. An event about
 * the user that arrives after the erasure keeps no opening.
 */
@QuarkusTest
class ErasureTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @InjectInfra
    KafkaCompanion kafka;
    @InjectInfra
    TestTopics topics;
    @InjectInfra
    TestDatabase db;

    @Test
    void shouldEraseEverySubjectValueWhileEveryChainAndProofStillVerifies(@TempDir Path dir) throws Exception {
        UUID user = UUID.randomUUID();
        String tag = user.toString().substring(0, 8);
        String email = "erase-" + tag + "@example.com";
        String name = "Erin Rasure " + tag;
        String ip = "2001:db8::" + tag.substring(0, 4) + ":" + tag.substring(4);
        String agent = "ErasureTest/" + tag;
        List<String> personal = List.of(email, name, ip, agent);

        TestEvents events = new TestEvents(kafka, topics, db);
        List<TestEvent> before = List.of(
                about(TestEvent.of("user.create").action("create").resource("user", user.toString()).aggregateVersion(1)
                        .changes("{\"email\":{\"new\":\"" + email + "\"},\"display_name\":{\"new\":\"" + name
                                + "\"},\"role\":{\"new\":\"member\"}}"),
                        user, ip, agent),
                about(TestEvent.of("user.login").action("login").resource("user", user.toString()).aggregateVersion(0)
                        .changes("{}"), user, ip, agent),
                about(TestEvent.of("task.update").changes("{\"title\":{\"old\":\"a\",\"new\":\"b\"}}"), user, ip, agent));
        events.publishAndAwait(before);
        Map<String, Long> highest = positions(before);
        highest.forEach((chain, seq) -> TlogCheckpoints.ensure(events, db, chain, seq));

        // While the key exists: the values are shown, exports carry their openings, the store holds none in clear.
        String page = query(user);
        assertThat(page).contains(email, name, ip, agent);
        assertThat(export(user, "ndjson")).contains(email, "$salt");
        assertThat(export(user, "ocsf")).as("the OCSF export shows the kept values").contains(email, ip, agent);
        assertThat(directory(user)).contains(email, name);
        // The names directory (V48) holds the display name and e-mail in clear until the erasure; no other table does.
        assertThat(pgDump()).contains(email, name);
        assertThat(pgDump("audit_directory")).doesNotContain(email, name, ip, agent);
        assertVerifiesOffline(dir, user, "before");

        Response erased = given().auth().oauth2(ApiTokens.forRole("admin")).contentType("application/json")
                .header("User-Agent", "dpo-console")
                .body("{\"user_id\":\"" + user + "\",\"reason\":\"GDPR Art. 17, ticket DPO-" + tag + "\"}")
                .post("/api/privacy/erasures");
        assertThat(erased.statusCode()).as(erased.asString()).isEqualTo(201);
        assertThat(erased.jsonPath().getLong("entries_affected")).isEqualTo(3);
        assertThat(erased.jsonPath().getLong("entries_not_erasable")).isZero();
        UUID erasureEvent = UUID.fromString(erased.jsonPath().getString("event_id"));

        // A later event about the user keeps commitments only; the erasure itself is an audit event with an alert.
        TestEvent late = about(TestEvent.of("task.update").changes("{\"title\":{\"old\":\"b\",\"new\":\"c\"}}"), user, ip,
                agent);
        events.publishAndAwait(late);
        events.awaitStored(List.of(erasureEvent));
        assertThat(erasureEntry(erasureEvent)).contains("\"entries_affected\"", user.toString());
        assertThat(alertsOf(erasureEvent)).isEqualTo(1);
        assertThat(single("SELECT event_recorded::text FROM audit_erasures WHERE event_id = ?", erasureEvent))
                .isEqualTo("true");

        for (String body : List.of(query(user), entry(late.eventId()), history(user), export(user, "ndjson"),
                export(user, "csv"), export(user, "ocsf"), directory(user), pgDump())) {
            assertThat(body).doesNotContain(email, name, ip, agent);
        }
        assertThat(query(user)).contains("$erased");
        assertThat(directory(user)).contains("\"erased\":true");
        assertThat(personal).allSatisfy(v -> assertThat(pgDump()).doesNotContain(v));
        assertVerifiesOffline(dir, user, "after");
        for (String chain : highest.keySet()) {
            JsonNode report = JSON.readTree(given().auth().oauth2(ApiTokens.forRole("auditor"))
                    .contentType("application/json").body("{\"chain_id\":\"" + chain + "\"}")
                    .post("/api/integrity/verify").then().statusCode(200).extract().asString());
            assertThat(report.at("/chains/0/status").asText()).as(report.toString()).isEqualTo("valid");
        }
    }

    @Test
    void shouldRefuseToEraseWhileALegalHoldMatchesTheUserOrAProjectTheUserActedIn() throws Exception {
        UUID user = UUID.randomUUID();
        UUID project = UUID.randomUUID();
        String ip = "192.0.2." + (1 + Math.abs(user.hashCode() % 250));
        TestEvents events = new TestEvents(kafka, topics, db);
        events.publishAndAwait(List.of(about(TestEvent.of("task.update").projectId(project)
                .changes("{\"title\":{\"old\":\"a\",\"new\":\"b\"}}"), user, ip, "HoldTest/1")));

        for (String subject : List.of("\"user_id\":\"" + user + "\"", "\"project_id\":\"" + project + "\"")) {
            Response placed = given().auth().oauth2(ApiTokens.forRole("admin")).contentType("application/json")
                    .body("{" + subject + ",\"reason\":\"litigation LIT-7\"}").post("/api/privacy/holds");
            assertThat(placed.statusCode()).as(placed.asString()).isEqualTo(201);
            String hold = placed.jsonPath().getString("id");

            Response refused = erase(user);
            assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(409);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.jsonPath().getString("detail")).contains(hold);
            assertThat(query(user)).as("nothing was erased").contains(ip);
            assertThat(single("SELECT count(*)::text FROM audit_erasures WHERE subject_id = ?", user)).isEqualTo("0");

            given().auth().oauth2(ApiTokens.forRole("admin")).post("/api/privacy/holds/" + hold + "/release").then()
                    .statusCode(200);
        }
        Response erased = erase(user);
        assertThat(erased.statusCode()).as(erased.asString()).isEqualTo(201);
        assertThat(query(user)).doesNotContain(ip);
    }

    /**
     * The race of a hold and an erasure: a hold being placed (its transaction holds the placement lock, as
     * HoldService.place's does, and has inserted the hold) makes an erasure wait and then refuse; an erasure under
     * way (holding the check lock shared, as ErasureService's does) makes a placement wait for it.
     */
    @Test
    void shouldSerializeHoldPlacementAndTheErasuresCheck() throws Exception {
        UUID user = UUID.randomUUID();
        TestEvents events = new TestEvents(kafka, topics, db);
        events.publishAndAwait(List.of(about(TestEvent.of("task.update").projectId(UUID.randomUUID())
                .changes("{\"title\":{\"old\":\"a\",\"new\":\"b\"}}"), user, "192.0.2.77", "RaceTest/1")));
        UUID hold = UUID.randomUUID();
        try (Connection placing = db.connect()) {
            placing.setAutoCommit(false);
            try (Statement sql = placing.createStatement()) {
                sql.execute(HoldRepository.LOCK_PLACEMENT);
                sql.execute("INSERT INTO audit_legal_holds (" + Hold.COLUMNS + ") VALUES ('" + hold + "', '" + user
                        + "', NULL, 'race', now(), 'test', NULL, NULL)");
            }
            CompletableFuture<Response> erasure = CompletableFuture.supplyAsync(() -> erase(user));
            Thread.sleep(1_500);
            assertThat(erasure).as("the erasure waits for the hold being placed").isNotDone();
            placing.commit();
            Response refused = erasure.get(30, TimeUnit.SECONDS);
            assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(409);
            assertThat(refused.jsonPath().getString("detail")).contains(hold.toString());
        }
        given().auth().oauth2(ApiTokens.forRole("admin")).post("/api/privacy/holds/" + hold + "/release").then()
                .statusCode(200);

        try (Connection erasing = db.connect()) {
            erasing.setAutoCommit(false);
            try (Statement sql = erasing.createStatement()) {
                sql.execute(HoldRepository.LOCK_CHECK);
            }
            CompletableFuture<Response> placement = CompletableFuture.supplyAsync(() -> given().auth()
                    .oauth2(ApiTokens.forRole("admin")).contentType("application/json")
                    .body("{\"user_id\":\"" + user + "\",\"reason\":\"race 2\"}").post("/api/privacy/holds"));
            Thread.sleep(1_500);
            assertThat(placement).as("the placement waits for the erasure under way").isNotDone();
            erasing.rollback();
            Response placed = placement.get(30, TimeUnit.SECONDS);
            assertThat(placed.statusCode()).as(placed.asString()).isEqualTo(201);
            given().auth().oauth2(ApiTokens.forRole("admin"))
                    .post("/api/privacy/holds/" + placed.jsonPath().getString("id") + "/release").then().statusCode(200);
        }
    }

    private static Response erase(UUID user) {
        return given().auth().oauth2(ApiTokens.forRole("admin")).contentType("application/json")
                .body("{\"user_id\":\"" + user + "\",\"reason\":\"GDPR Art. 17\"}").post("/api/privacy/erasures");
    }

    private static String directory(UUID user) {
        return given().auth().oauth2(ApiTokens.forRole("auditor")).get("/api/directory?ids=" + user).then()
                .statusCode(200).extract().asString();
    }

    @Test
    void shouldRefuseAnErasureByAnAuditorAndAnInvalidRequest() {
        Response auditor = given().auth().oauth2(ApiTokens.forRole("auditor")).contentType("application/json")
                .body("{\"user_id\":\"" + UUID.randomUUID() + "\",\"reason\":\"x\"}").post("/api/privacy/erasures");
        assertThat(auditor.statusCode()).isEqualTo(403);
        Response invalid = given().auth().oauth2(ApiTokens.forRole("admin")).contentType("application/json")
                .body("{\"user_id\":\"not-a-uuid\",\"reason\":\" \"}").post("/api/privacy/erasures");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.contentType()).startsWith("application/problem+json");
    }

    private static TestEvent about(TestEvent event, UUID user, String ip, String agent) {
        event.actor(user, "member").ip(ip);
        ((com.fasterxml.jackson.databind.node.ObjectNode) event.data().get("request_metadata")).put("user_agent", agent);
        return event;
    }

    private Map<String, Long> positions(List<TestEvent> published) {
        Map<String, Long> highest = new HashMap<>();
        for (TestEvent event : published) {
            var at = TlogCheckpoints.positionOf(db, event.eventId());
            highest.merge(at.chainId(), at.seq(), Math::max);
        }
        return highest;
    }

    /** Verified offline with the log's key: checksums, links and every inclusion proof, NDJSON and CSV. */
    private void assertVerifiesOffline(Path dir, UUID user, String when) throws Exception {
        for (String format : List.of("ndjson", "csv")) {
            Response response = given().auth().oauth2(ApiTokens.forRole("auditor"))
                    .get("/api/audit-logs/export?proofs=true&format=" + format + "&user_id=" + user);
            assertThat(response.statusCode()).isEqualTo(200);
            Path file = Files.write(dir.resolve(when + "." + format), response.asByteArray());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = VerifyExport.run(new String[]{"--filtered", "--key", TlogCheckpoints.logKey().toString(),
                    file.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            String report = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
            assertThat(exit).as(when + " " + format + ": " + report).isZero();
            assertThat(report).contains(" OK entries=");
            String body = new String(response.asByteArray(), StandardCharsets.UTF_8);
            assertThat(body).contains("tlog_proof");
        }
    }

    private static String query(UUID user) {
        return given().auth().oauth2(ApiTokens.forRole("auditor")).get("/api/audit-logs?user_id=" + user)
                .then().statusCode(200).extract().asString();
    }

    private String entry(UUID eventId) throws Exception {
        return given().auth().oauth2(ApiTokens.forRole("auditor")).get("/api/audit-logs/" + entryId(eventId))
                .then().statusCode(200).extract().asString();
    }

    private static String history(UUID user) {
        return given().auth().oauth2(ApiTokens.forRole("auditor")).get("/api/resources/user/" + user + "/history")
                .then().statusCode(200).extract().asString();
    }

    private static String export(UUID user, String format) {
        return given().auth().oauth2(ApiTokens.forRole("auditor"))
                .get("/api/audit-logs/export?format=" + format + "&user_id=" + user).then().statusCode(200).extract()
                .asString();
    }

    private UUID entryId(UUID eventId) throws Exception {
        return UUID.fromString(single("SELECT id::text FROM audit_logs WHERE event_id = ?", eventId));
    }

    private String erasureEntry(UUID eventId) throws Exception {
        return single("SELECT changes::text FROM audit_logs WHERE event_id = ?", eventId);
    }

    private long alertsOf(UUID eventId) throws Exception {
        return Long.parseLong(single("SELECT count(*)::text FROM audit_alerts a JOIN audit_logs l ON l.id = a.audit_log_id"
                + " WHERE l.event_id = ?", eventId));
    }

    private String single(String sql, UUID id) throws Exception {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, id);
            try (ResultSet rows = s.executeQuery()) {
                assertThat(rows.next()).as(sql).isTrue();
                return rows.getString(1);
            }
        }
    }

    /** The whole audit database as pg_dump writes it (schema and every table's rows). */
    /** The whole audit database as pg_dump writes it, but for the rows of the tables named. */
    private String pgDump(String... withoutDataOf) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/pg_dump", "-h", "127.0.0.1", "-U", db.role(),
                "--no-password"));
        for (String table : withoutDataOf) {
            command.add("--exclude-table-data=" + table);
        }
        command.add(db.name());
        Process dump = new ProcessBuilder(command).redirectErrorStream(false).start();
        dump.getOutputStream().close();
        byte[] out = dump.getInputStream().readAllBytes();
        String err = new String(dump.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(dump.waitFor()).as("pg_dump: " + err).isZero();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(text).contains("COPY public.audit_logs");
        return text;
    }
}
