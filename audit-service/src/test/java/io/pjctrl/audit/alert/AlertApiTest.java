package io.pjctrl.audit.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
    void shouldStreamNewAlertsAsServerSentEvents() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/alerts/stream"))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + ApiTokens.forRole("auditor"))
                .build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        // Every streamed alert is collected: the alert can arrive before the test learns its entry id.
        List<JsonNode> streamed = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            ObjectMapper json = new ObjectMapper();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null;) {
                    if (line.startsWith("data:")) {
                        streamed.add(json.readTree(line.substring(5)));
                    }
                }
            } catch (Exception e) {
                // the stream is closed when the test ends
            }
        }, "sse-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            Thread.sleep(500);
            String entry = deleteAProject().toString();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (streamed.stream().noneMatch(a -> entry.equals(a.path("audit_log_id").asText()))
                    && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            JsonNode alert = streamed.stream().filter(a -> entry.equals(a.path("audit_log_id").asText())).findFirst()
                    .orElseThrow(() -> new AssertionError("no alert for entry " + entry + " streamed; got " + streamed));
            assertThat(alert.get("id").asText()).isNotBlank();
            assertThat(alert.get("severity").asText()).isIn("low", "medium", "high", "critical");
            assertThat(alert.get("created_at").asText()).isNotBlank();
        } finally {
            response.body().close();
        }
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
