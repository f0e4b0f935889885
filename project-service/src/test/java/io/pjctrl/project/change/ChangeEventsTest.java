package io.pjctrl.project.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.pjctrl.project.support.Api;
import io.pjctrl.project.support.Api.TestUser;
import io.pjctrl.project.support.EventLog;
import io.pjctrl.project.support.EventLog.Event;
import io.pjctrl.project.support.EventSchema;
import io.pjctrl.testing.InjectInfra;
import io.pjctrl.testing.KafkaBroker;
import io.pjctrl.testing.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * For every event type: make the API call, read the event back from the real Kafka topic, and check the CloudEvents
 * headers, key, actor, changes, request metadata and version, and the data against the JSON Schema.
 */
@QuarkusTest
class ChangeEventsTest {

    private static final String CLIENT_IP = "203.0.113.7";
    private static final String USER_AGENT = "pjctrl-acceptance/1.0 (events)";

    @InjectInfra
    KafkaBroker broker;
    @InjectInfra
    TestTopics topics;

    private EventLog log;
    private TestUser manager;

    @BeforeEach
    void setUp() {
        log = EventLog.of(broker.bootstrapServers(), topics.events());
        manager = Api.createUser("manager");
    }

    @Test
    void shouldEmitProjectCreateUpdateDeleteAndRestore() {
        String create = requestId();
        String projectId = call(manager.token(), create).body(Map.of("name", "Apollo", "description", "Launch"))
                .post("/api/projects")
                .then()
                .statusCode(201)
                .header("X-Request-Id", create)
                .extract()
                .path("id");
        Event created = expect(create, "project.create", "project", projectId, "create", manager, 1);
        assertThat(created.data().path("project_id").asText()).isEqualTo(projectId);
        assertThat(created.data().path("changes").path("name").path("new").asText()).isEqualTo("Apollo");
        assertThat(created.data().path("changes").path("name").has("old")).isFalse();
        assertThat(created.data().path("changes").path("status").path("new").asText()).isEqualTo("active");

        String update = requestId();
        call(manager.token(), update).header("If-Match", "\"1\"")
                .body(Map.of("name", "Apollo 11", "status", "on_hold"))
                .patch("/api/projects/" + projectId)
                .then()
                .statusCode(200);
        Event updated = expect(update, "project.update", "project", projectId, "update", manager, 2);
        assertThat(updated.data().path("changes").path("name").path("old").asText()).isEqualTo("Apollo");
        assertThat(updated.data().path("changes").path("name").path("new").asText()).isEqualTo("Apollo 11");
        assertThat(updated.data().path("changes").path("status").path("old").asText()).isEqualTo("active");
        assertThat(updated.data().path("changes").path("status").path("new").asText()).isEqualTo("on_hold");
        assertThat(updated.data().path("changes").has("description")).as("unchanged fields are not in the diff").isFalse();

        TestUser admin = Api.createUser("admin");
        String delete = requestId();
        call(admin.token(), delete).delete("/api/projects/" + projectId).then().statusCode(200);
        Event deleted = expect(delete, "project.delete", "project", projectId, "delete", admin, 3);
        assertThat(deleted.data().path("changes").path("name").path("old").asText()).isEqualTo("Apollo 11");
        assertThat(deleted.data().path("changes").path("name").has("new")).isFalse();

        String restore = requestId();
        call(admin.token(), restore).post("/api/projects/" + projectId + "/restore").then().statusCode(200);
        Event restored = expect(restore, "project.restore", "project", projectId, "restore", admin, 4);
        assertThat(restored.data().path("changes").path("deleted_at").path("new").isNull()).isTrue();
    }

    @Test
    void shouldEmitTaskCreateUpdateAssignDeleteAndRestore() {
        String projectId = Api.createProject(manager, "Tasks " + UUID.randomUUID());
        TestUser member = Api.createUser("member");

        String create = requestId();
        String taskId = call(member.token(), create)
                .body(Map.of("title", "Write spec", "priority", "high", "due_date", "2026-12-24"))
                .post("/api/projects/" + projectId + "/tasks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Event created = expect(create, "task.create", "task", taskId, "create", member, 1);
        assertThat(created.data().path("project_id").asText()).isEqualTo(projectId);
        assertThat(created.data().path("changes").path("title").path("new").asText()).isEqualTo("Write spec");
        assertThat(created.data().path("changes").path("status").path("new").asText()).isEqualTo("todo");
        assertThat(created.data().path("changes").path("due_date").path("new").asText()).isEqualTo("2026-12-24");

        String update = requestId();
        call(member.token(), update).body(Map.of("status", "in_progress", "title", "Write the integrity spec"))
                .patch("/api/tasks/" + taskId)
                .then()
                .statusCode(200)
                .body("version", org.hamcrest.Matchers.equalTo(2));
        Event updated = expect(update, "task.update", "task", taskId, "update", member, 2);
        assertThat(updated.data().path("changes").path("status").path("old").asText()).isEqualTo("todo");
        assertThat(updated.data().path("changes").path("status").path("new").asText()).isEqualTo("in_progress");
        assertThat(updated.data().path("changes").size()).isEqualTo(2);

        String assign = requestId();
        call(manager.token(), assign).body(Map.of("user_id", member.id()))
                .put("/api/tasks/" + taskId + "/assignee")
                .then()
                .statusCode(200)
                .body("assignee_id", org.hamcrest.Matchers.equalTo(member.id()));
        Event assigned = expect(assign, "task.assign", "task", taskId, "update", manager, 3);
        assertThat(assigned.data().path("changes").path("assignee_id").path("old").isNull()).isTrue();
        assertThat(assigned.data().path("changes").path("assignee_id").path("new").asText()).isEqualTo(member.id());

        String unassign = requestId();
        call(manager.token(), unassign).delete("/api/tasks/" + taskId + "/assignee").then().statusCode(200);
        Event unassigned = expect(unassign, "task.assign", "task", taskId, "update", manager, 4);
        assertThat(unassigned.data().path("changes").path("assignee_id").path("new").isNull()).isTrue();

        String delete = requestId();
        call(manager.token(), delete).delete("/api/tasks/" + taskId).then().statusCode(200);
        Event deleted = expect(delete, "task.delete", "task", taskId, "delete", manager, 5);
        assertThat(deleted.data().path("changes").path("title").path("old").asText()).isEqualTo("Write the integrity spec");

        String restore = requestId();
        call(manager.token(), restore).post("/api/tasks/" + taskId + "/restore").then().statusCode(200);
        expect(restore, "task.restore", "task", taskId, "restore", manager, 6);
    }

    @Test
    void shouldEmitTaskBlockerOnReportAndResolve() {
        String projectId = Api.createProject(manager, "Blockers " + UUID.randomUUID());
        String taskId = Api.createTask(manager, projectId, "Blocked task");
        TestUser member = Api.createUser("member");

        String report = requestId();
        String blockerId = call(member.token(), report).body(Map.of("description", "Waiting for legal"))
                .post("/api/tasks/" + taskId + "/blockers")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Event reported = expect(report, "task.blocker", "blocker", blockerId, "create", member, 1);
        assertThat(reported.data().path("project_id").asText()).isEqualTo(projectId);
        assertThat(reported.data().path("changes").path("task_id").path("new").asText()).isEqualTo(taskId);
        assertThat(reported.data().path("changes").path("status").path("new").asText()).isEqualTo("open");

        String resolve = requestId();
        call(manager.token(), resolve).body(Map.of("resolution", "Legal said yes"))
                .post("/api/blockers/" + blockerId + "/resolve")
                .then()
                .statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("resolved"));
        Event resolved = expect(resolve, "task.blocker", "blocker", blockerId, "update", manager, 2);
        assertThat(resolved.data().path("changes").path("status").path("old").asText()).isEqualTo("open");
        assertThat(resolved.data().path("changes").path("status").path("new").asText()).isEqualTo("resolved");
        assertThat(resolved.data().path("changes").path("resolution").path("new").asText()).isEqualTo("Legal said yes");
    }

    @Test
    void shouldEmitUserCreateAndPermissionChangeWithoutPasswordHash() {
        TestUser admin = Api.createUser("admin");
        String create = requestId();
        String email = "new-" + UUID.randomUUID() + "@pjctrl.test";
        String userId = call(admin.token(), create)
                .body(Map.of("email", email, "display_name", "New Person", "role", "member", "password",
                        "secret-password-1"))
                .post("/api/users")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Event created = expect(create, "user.create", "user", userId, "create", admin, 1);
        assertThat(created.data().path("project_id").isNull()).isTrue();
        assertThat(created.data().path("changes").path("email").path("new").asText()).isEqualTo(email);
        assertThat(created.data().path("changes").path("role").path("new").asText()).isEqualTo("member");
        assertThat(created.value()).doesNotContain("secret-password-1").doesNotContain("password").doesNotContain("$2a$");

        String promote = requestId();
        call(admin.token(), promote).body(Map.of("role", "manager"))
                .put("/api/users/" + userId + "/role")
                .then()
                .statusCode(200)
                .body("role", org.hamcrest.Matchers.equalTo("manager"));
        Event promoted = expect(promote, "user.permission_change", "user", userId, "update", admin, 2);
        assertThat(promoted.data().path("changes").path("role").path("old").asText()).isEqualTo("member");
        assertThat(promoted.data().path("changes").path("role").path("new").asText()).isEqualTo("manager");
    }

    @Test
    void shouldEmitLoginAndLogout() {
        TestUser member = Api.createUser("member");
        String login = requestId();
        String token = call(null, login).body(Map.of("email", member.email(), "password", member.password()))
                .post("/api/auth/login")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        Event loggedIn = expect(login, "user.login", "user", member.id(), "login", member, 0);
        assertThat(loggedIn.value()).doesNotContain(token);

        String logout = requestId();
        call(token, logout).post("/api/auth/logout").then().statusCode(204);
        expect(logout, "user.logout", "user", member.id(), "logout", member, 0);
    }

    @Test
    void shouldEmitLoginFailedForWrongPasswordAndUnknownEmail() {
        TestUser member = Api.createUser("member");
        String wrong = requestId();
        call(null, wrong).body(Map.of("email", member.email(), "password", "not-the-password"))
                .post("/api/auth/login")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        Event failed = expect(wrong, "user.login_failed", "user", member.id(), "login", null, 0);
        assertThat(failed.data().path("changes").path("reason").path("new").asText()).isEqualTo("wrong_password");
        assertThat(failed.value()).doesNotContain("not-the-password");

        String unknown = requestId();
        String email = "nobody-" + UUID.randomUUID() + "@pjctrl.test";
        call(null, unknown).body(Map.of("email", email, "password", "whatever-it-is"))
                .post("/api/auth/login")
                .then()
                .statusCode(401);
        Event nobody = log.awaitOne(EventLog.withRequestId(unknown));
        assertEnvelope(nobody, unknown, "user.login_failed", "user", null, "login", null, 0);
        assertThat(nobody.key()).isEqualTo("user:");
        assertThat(nobody.headers().get("ce_subject")).isEqualTo("user");
        assertThat(nobody.data().path("changes").path("email").path("new").asText()).isEqualTo(email);
        assertThat(nobody.data().path("changes").path("reason").path("new").asText()).isEqualTo("unknown_email");
    }

    private Event expect(String requestId, String type, String resourceType, String resourceId, String action,
            TestUser actor, long version) {
        Event event = log.awaitOne(EventLog.withRequestId(requestId));
        assertThat(log.matching(EventLog.withRequestId(requestId))).as("exactly one event per change").hasSize(1);
        assertEnvelope(event, requestId, type, resourceType, resourceId, action, actor, version);
        assertThat(event.key()).isEqualTo(resourceType + ":" + resourceId);
        assertThat(event.headers().get("ce_subject")).isEqualTo(resourceType + "/" + resourceId);
        return event;
    }

    private void assertEnvelope(Event event, String requestId, String type, String resourceType, String resourceId,
            String action, TestUser actor, long version) {
        JsonNode data = event.data();
        EventSchema.assertValid(data);
        assertThat(event.headers()).containsEntry("ce_specversion", "1.0")
                .containsEntry("ce_source", "/pjctrl/project-service")
                .containsEntry("ce_type", type)
                .containsEntry("content-type", "application/json")
                .containsEntry("ce_id", data.path("event_id").asText())
                .containsEntry("ce_time", data.path("occurred_at").asText());
        assertThat(data.path("event_type").asText()).isEqualTo(type);
        assertThat(data.path("resource_type").asText()).isEqualTo(resourceType);
        assertThat(data.path("resource_id").asText(null)).isEqualTo(resourceId);
        assertThat(data.path("action").asText()).isEqualTo(action);
        assertThat(data.path("aggregate_version").asLong()).isEqualTo(version);
        assertThat(data.path("actor").path("user_id").asText(null)).isEqualTo(actor == null ? null : actor.id());
        assertThat(data.path("actor").path("role").asText(null)).isEqualTo(actor == null ? null : actor.role());
        JsonNode request = data.path("request_metadata");
        assertThat(request.path("ip").asText()).isEqualTo(CLIENT_IP);
        assertThat(request.path("user_agent").asText()).isEqualTo(USER_AGENT);
        assertThat(request.path("request_id").asText()).isEqualTo(requestId);
        assertThat(request.path("trace_id").asText()).isEqualTo(traceIdOf(requestId));
    }

    /** A request carrying client metadata as a proxy in front of the service would forward it. */
    private static RequestSpecification call(String token, String requestId) {
        RequestSpecification spec = io.restassured.RestAssured.given()
                .contentType(ContentType.JSON)
                .header("X-Forwarded-For", CLIENT_IP)
                .header("User-Agent", USER_AGENT)
                .header("X-Request-Id", requestId)
                .header("traceparent", "00-" + traceIdOf(requestId) + "-00f067aa0ba902b7-01");
        return token == null ? spec : spec.header("Authorization", "Bearer " + token);
    }

    private static String requestId() {
        return "req-" + UUID.randomUUID();
    }

    /** A deterministic trace id per request id, so the assertion knows what to expect. */
    private static String traceIdOf(String requestId) {
        return UUID.nameUUIDFromBytes(requestId.getBytes()).toString().replace("-", "");
    }

}
