package io.pjctrl.project.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pjctrl.project.support.Api;
import io.pjctrl.project.support.Api.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Bad input is the client's 400 (or 404 for an unknown id), as problem+json naming the field; never a 500. */
@QuarkusTest
class BadInputTest {

    private TestUser manager;
    private String projectId;

    @BeforeEach
    void setUp() {
        manager = Api.createUser("manager");
        projectId = Api.createProject(manager, "Input " + UUID.randomUUID());
    }

    @Test
    void shouldRejectMalformedJson() {
        invalid(manager.as().body("{\"name\": \"x\",").post("/api/projects"), "body")
                .body("errors[0].message", containsString("malformed JSON"));
    }

    @Test
    void shouldRejectUnknownEnumValue() {
        invalid(manager.as().body(Map.of("title", "t", "status", "started")).post("/api/projects/" + projectId + "/tasks"),
                "status")
                .body("errors[0].message", containsString("in_progress"));
        invalid(manager.as().body(Map.of("priority", "urgent")).patch("/api/tasks/" + Api.createTask(manager, projectId, "t")),
                "priority");
    }

    @Test
    void shouldRejectMissingRequiredFields() {
        invalid(manager.as().body(Map.of("description", "no name")).post("/api/projects"), "name");
        invalid(manager.as().body("").post("/api/projects"), "body");
        invalid(Api.as(Api.adminToken()).body(Map.of("email", "x-" + UUID.randomUUID() + "@pjctrl.test"))
                .post("/api/users"), "display_name")
                .body("errors.field", hasItem("role"))
                .body("errors.field", hasItem("password"));
    }

    @Test
    void shouldRejectOverLongStrings() {
        invalid(manager.as().body(Map.of("name", "x".repeat(201))).post("/api/projects"), "name")
                .body("errors[0].message", containsString("200"));
        invalid(manager.as().body(Map.of("title", "t", "description", "d".repeat(4001)))
                .post("/api/projects/" + projectId + "/tasks"), "description");
    }

    @Test
    void shouldRejectBadUuids() {
        invalid(manager.as().get("/api/tasks/not-a-uuid"), "id");
        invalid(manager.as().get("/api/projects/1234"), "id");
        String taskId = Api.createTask(manager, projectId, "assign me");
        invalid(manager.as().body(Map.of("user_id", "nobody")).put("/api/tasks/" + taskId + "/assignee"), "user_id");
        invalid(manager.as().get("/api/projects/" + projectId + "/tasks?assignee_id=zzz"), "assignee_id");
    }

    @Test
    void shouldRejectInvalidPaging() {
        invalid(manager.as().get("/api/projects?page=-1"), "page");
        invalid(manager.as().get("/api/projects?size=0"), "size");
        invalid(manager.as().get("/api/projects?size=1000"), "size");
        invalid(manager.as().get("/api/projects?page=abc"), "page");
        invalid(manager.as().get("/api/projects?status=paused"), "status");
    }

    @Test
    void shouldRejectUnknownPropertiesAndWrongTypes() {
        invalid(manager.as().body(Map.of("name", "x", "owner", "me")).post("/api/projects"), "owner")
                .body("errors[0].message", equalTo("unknown property"));
        invalid(manager.as().body(Map.of("title", "t", "due_date", "tomorrow"))
                .post("/api/projects/" + projectId + "/tasks"), "due_date");
        invalid(manager.as().body(Map.of("name", 42, "description", Map.of("nested", true))).post("/api/projects"),
                "description");
        invalid(manager.as().header("If-Match", "yesterday").body(Map.of("name", "y"))
                .patch("/api/projects/" + projectId), "If-Match");
    }

    @Test
    void shouldAnswerUnknownIdsWith404Problem() {
        String unknown = UUID.randomUUID().toString();
        manager.as().get("/api/projects/" + unknown)
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pjctrl:problem:not-found"))
                .body("instance", equalTo("/api/projects/" + unknown))
                .body("detail", containsString(unknown));
        manager.as().get("/api/tasks/" + unknown).then().statusCode(404);
        manager.as().body(Map.of("title", "t")).post("/api/projects/" + unknown + "/tasks").then().statusCode(404);
        manager.as().body(Map.of("resolution", "r")).post("/api/blockers/" + unknown + "/resolve").then().statusCode(404);
        String taskId = Api.createTask(manager, projectId, "assign ghost");
        manager.as().body(Map.of("user_id", unknown)).put("/api/tasks/" + taskId + "/assignee").then().statusCode(404);
        manager.as().get("/api/no-such-endpoint")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void shouldRejectDuplicateEmailWithConflict() {
        TestUser member = Api.createUser("member");
        Api.as(Api.adminToken())
                .body(Map.of("email", member.email(), "display_name", "Twin", "role", "member", "password",
                        "long-enough-pw"))
                .post("/api/users")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pjctrl:problem:email-taken"));
    }

    private static ValidatableResponse invalid(io.restassured.response.Response response, String field) {
        return response.then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pjctrl:problem:invalid-request"))
                .body("title", equalTo("Invalid request"))
                .body("status", equalTo(400))
                .body("instance", org.hamcrest.Matchers.startsWith("/api/"))
                .body("errors.field", hasItem(field))
                .body("detail", not(containsString("Exception")))
                .body("$", not(org.hamcrest.Matchers.hasKey("stack_trace")));
    }
}
