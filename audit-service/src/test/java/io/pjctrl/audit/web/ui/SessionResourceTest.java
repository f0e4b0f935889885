package io.pjctrl.audit.web.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The sign-in proxy inside the service: open to anonymous callers despite the /api/* reader policy, validating its
 * input, and honest when project-service is away (the test profile points it at a closed port). Forwarding to a live
 * upstream is AuthForwarderTest; the whole path through the real project-service is the browser end-to-end test.
 */
@QuarkusTest
class SessionResourceTest {

    @Test
    void shouldLetAnonymousCallersSignInAndSay503WhenProjectServiceIsUnreachable() {
        given().contentType("application/json")
                .body("{\"email\":\"auditor@pjctrl.local\",\"password\":\"secret\"}")
                .when()
                .post("/api/session/login")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pjctrl:problem:unavailable"))
                .body("detail", containsString("project-service"));
    }

    @Test
    void shouldRejectASignInWithoutPasswordNamingTheField() {
        given().contentType("application/json")
                .body("{\"email\":\"auditor@pjctrl.local\"}")
                .when()
                .post("/api/session/login")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pjctrl:problem:invalid-request"))
                .body("instance", equalTo("/api/session/login"))
                .body("errors[0].field", equalTo("password"));
    }
}
