package io.pjctrl.system;

import static io.restassured.RestAssured.given;

import java.util.Map;

import io.restassured.http.ContentType;

/** Small helpers over the services' public REST API. */
final class Api {

    private Api() {
    }

    /** Logs in at project-service and returns the bearer token. */
    static String login(SystemStack stack, String email, String password) {
        return given().baseUri(stack.projectService().url())
                .contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password))
                .post("/api/auth/login")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }
}
