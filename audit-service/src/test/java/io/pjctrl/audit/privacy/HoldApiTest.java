package io.pjctrl.audit.privacy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;

import io.pjctrl.audit.ownevent.OwnEventPublisher;
import io.pjctrl.audit.ownevent.Requester;
import io.pjctrl.audit.web.ApiTokens;
import io.pjctrl.contract.event.GoldenEvents;
import io.pjctrl.testing.InjectInfra;
import io.pjctrl.testing.TestDatabase;
import io.pjctrl.web.problem.Problem;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Legal holds over HTTP: 400 problem+json for a body without exactly one subject, 201 with the hold, its release once
 * (200, then 409), 404 for an unknown hold; each change stored as an audit event that obeys the event contract; the
 * erasure's question ({@link HoldService#activeHoldOnUser}) answered from the active holds.
 */
@QuarkusTest
class HoldApiTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final UUID RELEASER = UUID.randomUUID();

    @InjectInfra
    TestDatabase db;
    @Inject
    HoldService holds;

    @Test
    void shouldRejectABodyWithoutExactlyOneSubjectOrWithoutAReason() {
        String user = UUID.randomUUID().toString();
        assertProblem(place("{\"user_id\":\"" + user + "\",\"project_id\":\"" + UUID.randomUUID()
                + "\",\"reason\":\"both\"}"), 400, "project_id");
        assertProblem(place("{\"reason\":\"neither\"}"), 400, "user_id");
        assertProblem(place("{\"user_id\":\"not-a-uuid\",\"reason\":\"x\"}"), 400, "user_id");
        assertProblem(place("{\"user_id\":\"" + user + "\"}"), 400, "reason");
        assertProblem(place("{\"user_id\":\"" + user + "\",\"reason\":\"  \"}"), 400, "reason");
        assertProblem(place("{\"user_id\":\"" + user + "\",\"reason\":\"x\",\"until\":\"2030-01-01\"}"), 400, "until");
        assertProblem(place("[]"), 400, "body");
        assertThat(holds.activeHoldOnUser(UUID.fromString(user)).await().atMost(Duration.ofSeconds(10))).isEmpty();
    }

    @Test
    void shouldPlaceAHoldReleaseItOnceAndRecordBothAsAuditEvents() throws Exception {
        UUID admin = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        Response placed = given().auth().oauth2(ApiTokens.forUser(admin, "admin")).contentType("application/json")
                .header("User-Agent", "hold-test")
                .body("{\"user_id\":\"" + user + "\",\"reason\":\"Litigation hold, case 17\"}")
                .post("/api/privacy/holds");
        assertThat(placed.statusCode()).as(placed.asString()).isEqualTo(201);
        String id = placed.jsonPath().getString("id");
        assertThat(placed.jsonPath().getString("user_id")).isEqualTo(user.toString());
        assertThat(placed.jsonPath().getString("project_id")).isNull();
        assertThat(placed.jsonPath().getBoolean("active")).isTrue();
        assertThat(placed.jsonPath().getString("created_by")).isEqualTo(admin.toString());

        Optional<Hold> active = holds.activeHoldOnUser(user).await().atMost(Duration.ofSeconds(10));
        assertThat(active).map(Hold::id).contains(UUID.fromString(id));
        assertThat(given().auth().oauth2(ApiTokens.forRole("auditor")).get("/api/privacy/holds?active=true")
                .jsonPath().getList("id")).contains(id);

        JsonNode created = awaitEvent(id, HoldEvents.CREATED);
        assertThat(created.get("action").asText()).isEqualTo("create");
        assertThat(created.get("user_id").asText()).isEqualTo(admin.toString());
        assertThat(created.get("sensitivity_level").asText()).isEqualTo("high");
        assertThat(created.at("/changes/user_id/new").asText()).isEqualTo(user.toString());
        // The admin's user agent is personal (docs/personal-data.md): stored as its commitment, shown by the API.
        assertThat(created.at("/request_metadata/user_agent/$commit").asText()).hasSize(44);

        Response released = release(id);
        assertThat(released.statusCode()).as(released.asString()).isEqualTo(200);
        assertThat(released.jsonPath().getBoolean("active")).isFalse();
        assertThat(released.jsonPath().getString("released_by")).isEqualTo(RELEASER.toString());
        assertProblem(release(id), 409, null);
        assertThat(awaitEvent(id, HoldEvents.RELEASED).at("/changes/released_at/new").asText())
                .isEqualTo(released.jsonPath().getString("released_at"));

        assertThat(holds.activeHoldOnUser(user).await().atMost(Duration.ofSeconds(10))).isEmpty();
        Response kept = given().auth().oauth2(ApiTokens.forRole("auditor")).get("/api/privacy/holds/" + id);
        assertThat(kept.statusCode()).isEqualTo(200);
        assertThat(kept.jsonPath().getString("reason")).isEqualTo("Litigation hold, case 17");
        assertThat(given().auth().oauth2(ApiTokens.forRole("auditor")).get("/api/privacy/holds?active=true")
                .jsonPath().getList("id")).doesNotContain(id);
        assertThat(given().auth().oauth2(ApiTokens.forRole("auditor")).get("/api/privacy/holds?active=false")
                .jsonPath().getList("id")).contains(id);
    }

    @Test
    void shouldAnswer404ForAnUnknownHold() {
        String unknown = UUID.randomUUID().toString();
        assertProblem(release(unknown), 404, null);
        assertProblem(given().auth().oauth2(ApiTokens.forRole("auditor")).get("/api/privacy/holds/" + unknown), 404,
                null);
        assertProblem(release("not-a-uuid"), 400, "id");
    }

    @Test
    void shouldDescribeHoldsWithEventsThatObeyTheContract() throws Exception {
        Hold hold = new Hold(UUID.randomUUID(), null, UUID.randomUUID(), "x".repeat(1000), Instant.now(), "admin",
                null, null);
        Requester actor = new Requester(null, "admin", "203.0.113.9", "y".repeat(700), "req-1", null);
        var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(GoldenEvents.schemaText(),
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        Instant now = Instant.parse("2026-12-01T09:00:00Z");
        assertThat(schema.validate(OwnEventPublisher.data(HoldEvents.created(UUID.randomUUID().toString(), hold, actor,
                now)))).isEmpty();
        Hold released = new Hold(hold.id(), hold.userId(), hold.projectId(), hold.reason(), hold.createdAt(), "admin",
                now, "admin");
        assertThat(schema.validate(OwnEventPublisher.data(HoldEvents.released(UUID.randomUUID().toString(), released,
                actor, now)))).isEmpty();
    }

    private static Response place(String body) {
        return given().auth().oauth2(ApiTokens.forRole("admin")).contentType("application/json").body(body)
                .post("/api/privacy/holds");
    }

    private static Response release(String id) {
        return given().auth().oauth2(ApiTokens.forUser(RELEASER, "admin"))
                .post("/api/privacy/holds/" + id + "/release");
    }

    private static void assertProblem(Response response, int status, String field) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith(Problem.MEDIA_TYPE);
        assertThat(response.jsonPath().getInt("status")).isEqualTo(status);
        if (field != null) {
            List<String> fields = response.jsonPath().getList("errors.field");
            assertThat(fields).contains(field);
        }
    }

    private JsonNode awaitEvent(String holdId, String type) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            try (Connection c = db.connect();
                    PreparedStatement s = c.prepareStatement("SELECT json_build_object('user_id', user_id, 'action',"
                            + " action, 'changes', changes, 'request_metadata', request_metadata, 'sensitivity_level',"
                            + " sensitivity_level)::text FROM audit_logs WHERE event_type = ? AND resource_type ="
                            + " 'legal_hold' AND resource_id = ?")) {
                s.setString(1, type);
                s.setString(2, holdId);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        return JSON.readTree(rs.getString(1));
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + type + " event of hold " + holdId + " was stored");
    }
}
