package io.pjctrl.audit.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.pjctrl.audit.testsupport.TestEvent;
import io.pjctrl.audit.testsupport.TestEvents;
import io.pjctrl.audit.web.ApiTokens;
import io.pjctrl.testing.InjectInfra;
import io.pjctrl.testing.TestDatabase;
import io.pjctrl.testing.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** Alerts raised by the real ingest (a project.delete), listed, filtered, paged, acknowledged once, and streamed. */
@QuarkusTest
class AlertApiTest {

    @InjectInfra
    KafkaCompanion kafka;
    @InjectInfra
    TestTopics topics;
    @InjectInfra
    TestDatabase db;
    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void shouldListFilterAndAcknowledgeAnAlertOnce() throws Exception {
        UUID entryId = deleteAProject();
        Map<String, Object> alert = awaitAlertOf(entryId);
        String id = (String) alert.get("id");
        assertThat(alert.get("acknowledged_at")).isNull();
        assertThat(ids("rule=" + alert.get("rule") + "&severity=" + alert.get("severity") + "&acknowledged=false"))
                .contains(id);
        String otherSeverity = "low".equals(alert.get("severity")) ? "critical" : "low";
        assertThat(ids("severity=" + otherSeverity)).doesNotContain(id);
        assertThat(ids("from=" + Instant.now().plusSeconds(60))).isEmpty();

        UUID admin = UUID.randomUUID();
        JsonPath acknowledged = given().auth().oauth2(ApiTokens.forUser(admin, "admin")).contentType("application/json")
                .body("{\"note\":\"Planned clean-up, ticket OPS-142\"}").post("/api/alerts/" + id + "/acknowledge")
                .then().statusCode(200).extract().jsonPath();
        assertThat(acknowledged.getString("acknowledged_by")).isEqualTo(admin.toString());
        assertThat(acknowledged.getString("note")).isEqualTo("Planned clean-up, ticket OPS-142");
        assertThat(Instant.parse(acknowledged.getString("acknowledged_at"))).isBefore(Instant.now().plusSeconds(1));

        assertThat(ids("acknowledged=true")).contains(id);
        assertThat(ids("acknowledged=false")).doesNotContain(id);
        given().auth().oauth2(ApiTokens.forRole("admin")).contentType("application/json").body("{\"note\":\"again\"}")
                .post("/api/alerts/" + id + "/acknowledge").then().statusCode(409)
                .contentType("application/problem+json");
        JsonPath after = given().auth().oauth2(ApiTokens.forRole("auditor")).get("/api/alerts?acknowledged=true&limit=500")
                .then().statusCode(200).extract().jsonPath();
        assertThat(after.getString("items.find { it.id == '" + id + "' }.acknowledged_by")).isEqualTo(admin.toString());
    }

    @Test
    void shouldPageAlertsNewestFirstWithACursor() throws Exception {
        deleteAProject();
        deleteAProject();
        awaitAlertCount(2);
        String cursor = null;
        List<String> seen = new java.util.ArrayList<>();
        Instant previous = Instant.MAX;
        do {
            JsonPath page = given().auth().oauth2(ApiTokens.forRole("auditor")).urlEncodingEnabled(false)
                    .get("/api/alerts?limit=1" + (cursor == null ? "" : "&cursor=" + cursor)).then().statusCode(200)
                    .extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            assertThat(items).hasSizeLessThanOrEqualTo(1);
            for (Map<String, Object> item : items) {
                Instant created = Instant.parse((String) item.get("created_at"));
                assertThat(created).isBeforeOrEqualTo(previous);
                previous = created;
                seen.add((String) item.get("id"));
            }
            cursor = page.getString("next_cursor");
        } while (cursor != null);
        assertThat(seen).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void shouldStreamEachNewAlertWithItsStreamPositionAsEventId() throws Exception {
        try (SseClient client = SseClient.open(port, ApiTokens.forRole("auditor"), null)) {
            Thread.sleep(500);
            String entry = deleteAProject().toString();
            SseClient.Event event = client.await(e -> entry.equals(e.data().path("audit_log_id").asText()),
                    Duration.ofSeconds(60));
            JsonNode alert = event.data();
            assertThat(alert.get("id").asText()).isNotBlank();
            assertThat(alert.get("severity").asText()).isIn("low", "medium", "high", "critical");
            assertThat(alert.get("created_at").asText()).isNotBlank();
            assertThat(event.id()).isEqualTo(String.valueOf(streamPosition(UUID.fromString(alert.get("id").asText()))));
        }
    }

    @Test
    void shouldStreamAlertsThatAnotherInstanceStored() throws Exception {
        try (SseClient client = SseClient.open(port, ApiTokens.forRole("auditor"), null)) {
            Thread.sleep(500);
            UUID elsewhere = storeAlertAsAnotherInstance("raised by another replica");
            SseClient.Event event = client.await(e -> elsewhere.toString().equals(e.data().path("id").asText()),
                    Duration.ofSeconds(10));
            assertThat(event.data().path("message").asText()).isEqualTo("raised by another replica");
            assertThat(event.data().path("audit_log_id").isNull()).isTrue();
        }
    }

    @Test
    void shouldReplayTheAlertsMissedSinceLastEventIdThenContinueLive() throws Exception {
        String token = ApiTokens.forRole("auditor");
        String lastId;
        try (SseClient first = SseClient.open(port, token, null)) {
            Thread.sleep(300);
            UUID seen = storeAlertAsAnotherInstance("seen before the drop");
            lastId = first.await(e -> seen.toString().equals(e.data().path("id").asText()), Duration.ofSeconds(10)).id();
        }
        UUID missed1 = storeAlertAsAnotherInstance("missed 1");
        UUID missed2 = storeAlertAsAnotherInstance("missed 2");

        try (SseClient resumed = SseClient.open(port, token, lastId)) {
            resumed.await(e -> missed2.toString().equals(e.data().path("id").asText()), Duration.ofSeconds(10));
            UUID live = storeAlertAsAnotherInstance("live after the resume");
            resumed.await(e -> live.toString().equals(e.data().path("id").asText()), Duration.ofSeconds(10));

            List<SseClient.Event> events = resumed.events();
            assertThat(events).extracting(e -> e.data().path("id").asText())
                    .containsExactly(missed1.toString(), missed2.toString(), live.toString());
            assertThat(events).extracting(e -> Long.parseLong(e.id())).isSorted().doesNotHaveDuplicates()
                    .allSatisfy(position -> assertThat(position).isGreaterThan(Long.parseLong(lastId)));
        }
    }

    @Test
    void shouldEndAResumedStreamAfterReplayMaxSoTheClientResumesFromItsLastId() throws Exception {
        // %test.pjctrl.alerts.stream.replay-max=3
        String token = ApiTokens.forRole("auditor");
        UUID before = storeAlertAsAnotherInstance("before the drop");
        String lastId = String.valueOf(streamPosition(before));
        List<String> missed = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            missed.add(storeAlertAsAnotherInstance("missed " + i).toString());
        }

        List<String> received = new java.util.ArrayList<>();
        try (SseClient resumed = SseClient.open(port, token, lastId)) {
            awaitEnd(resumed);
            assertThat(resumed.events()).hasSize(3);
            resumed.events().forEach(e -> received.add(e.data().path("id").asText()));
            lastId = resumed.events().get(2).id();
        }
        try (SseClient again = SseClient.open(port, token, lastId)) {
            again.await(e -> missed.get(4).equals(e.data().path("id").asText()), Duration.ofSeconds(10));
            again.events().forEach(e -> received.add(e.data().path("id").asText()));
            assertThat(again.ended()).as("fewer than replay-max missed: the stream stays open").isFalse();
        }
        assertThat(received).containsExactlyElementsOf(missed);
    }

    @Test
    void shouldSendHeartbeatCommentsOnAnIdleStream() throws Exception {
        // %test.pjctrl.alerts.stream.heartbeat=1s
        try (SseClient client = SseClient.open(port, ApiTokens.forRole("auditor"), null)) {
            Instant deadline = Instant.now().plusSeconds(10);
            while (client.comments().size() < 2 && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            assertThat(client.comments()).hasSizeGreaterThanOrEqualTo(2).allMatch("keep-alive"::equals);
        }
    }

    @Test
    void shouldRejectALastEventIdThatIsNoStreamPosition() {
        for (String bad : List.of("abc", "-1", "1e3", "99999999999999999999")) {
            given().auth().oauth2(ApiTokens.forRole("auditor")).header("Accept", "text/event-stream")
                    .header("Last-Event-ID", bad).get("/api/alerts/stream")
                    .then().statusCode(400).contentType("application/problem+json");
        }
    }

    /** What AlertRepository does on another replica: lock, insert, NOTIFY, commit. */
    private UUID storeAlertAsAnotherInstance(String message) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(hashtext('pjctrl.alerts.stream'))");
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_alerts (id, rule, severity, message, created_at)"
                    + " VALUES (?, 'integrity_verification_failed', 'critical', ?, now())")) {
                s.setObject(1, id);
                s.setString(2, message);
                s.executeUpdate();
            }
            try (Statement s = c.createStatement()) {
                s.execute("NOTIFY " + AlertRepository.CHANNEL);
            }
            c.commit();
        }
        return id;
    }

    private long streamPosition(UUID alertId) throws Exception {
        try (Connection c = db.connect();
                PreparedStatement s = c.prepareStatement("SELECT stream_position FROM audit_alerts WHERE id = ?")) {
            s.setObject(1, alertId);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("alert %s stored", alertId).isTrue();
                return rs.getLong(1);
            }
        }
    }

    private static void awaitEnd(SseClient client) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (!client.ended() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(client.ended()).as("stream ended after replay-max alerts").isTrue();
    }

    /** project.create then project.delete through the ingest; returns the delete's audit log entry id. */
    private UUID deleteAProject() throws Exception {
        String project = UUID.randomUUID().toString();
        TestEvent create = TestEvent.of("project.create").resource("project", project).projectId(UUID.fromString(project))
                .action("create").aggregateVersion(1);
        TestEvent delete = TestEvent.of("project.delete").resource("project", project).projectId(UUID.fromString(project))
                .action("delete").aggregateVersion(2).changes("{\"name\":{\"old\":\"Apollo\"}}");
        new TestEvents(kafka, topics, db).publishAndAwait(create, delete);
        try (Connection c = db.connect();
                PreparedStatement s = c.prepareStatement("SELECT id FROM audit_logs WHERE event_id = ?")) {
            s.setObject(1, delete.eventId());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        }
    }

    private Map<String, Object> awaitAlertOf(UUID entryId) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            List<Map<String, Object>> items = given().auth().oauth2(ApiTokens.forRole("auditor"))
                    .get("/api/alerts?limit=500").then().statusCode(200).extract().jsonPath().getList("items");
            for (Map<String, Object> item : items) {
                if (entryId.toString().equals(item.get("audit_log_id"))) {
                    return item;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no alert for entry " + entryId);
    }

    private void awaitAlertCount(int n) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (given().auth().oauth2(ApiTokens.forRole("auditor")).get("/api/alerts?limit=500").then().extract()
                .jsonPath().getList("items").size() < n && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
    }

    private static List<String> ids(String query) {
        return given().auth().oauth2(ApiTokens.forRole("auditor")).urlEncodingEnabled(false)
                .get("/api/alerts?limit=500&" + query).then().statusCode(200).extract().jsonPath().getList("items.id");
    }
}
