package io.pjctrl.project.support;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** REST helpers for tests: log in, create users of a role, send requests as someone. */
public final class Api {

    public static final String ADMIN_EMAIL = "admin@pjctrl.test";
    public static final String ADMIN_PASSWORD = "admin-test-password";

    private Api() {
    }

    /** A user created through the API, logged in. */
    public record TestUser(String id, String email, String password, String role, String token) {

        public RequestSpecification as() {
            return Api.as(token);
        }
    }

    public static String login(String email, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password))
                .post("/api/auth/login")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    public static String adminToken() {
        return login(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    public static RequestSpecification as(String token) {
        return given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + token);
    }

    public static TestUser createUser(String role) {
        String email = role + "-" + UUID.randomUUID() + "@pjctrl.test";
        String password = "pw-" + UUID.randomUUID();
        String id = as(adminToken()).body(Map.of("email", email, "display_name", "Test " + role, "role", role,
                "password", password))
                .post("/api/users")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        return new TestUser(id, email, password, role, login(email, password));
    }

    /** Creates a project as {@code user} and returns its id. */
    public static String createProject(TestUser user, String name) {
        return user.as()
                .body(Map.of("name", name, "description", "made by a test"))
                .post("/api/projects")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** Creates a task in a project as {@code user} and returns its id. */
    public static String createTask(TestUser user, String projectId, String title) {
        return user.as()
                .body(Map.of("title", title))
                .post("/api/projects/" + projectId + "/tasks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }
}
