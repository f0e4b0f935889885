package io.pjctrl.audit.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.pjctrl.web.problem.Problem;
import io.pjctrl.web.problem.ProblemType;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every endpoint x every caller: anonymous 401, member/manager 403, auditor and admin allowed (acknowledge, erasure,
 * placing and releasing legal holds: admin only), always with problem+json for denials. "Allowed" is asserted as the endpoint's own answer (200, or the 404/409
 * of a made-up id), never as just "not 401/403".
 */
@QuarkusTest
class AuthorizationMatrixTest {

    enum Caller {

        ANONYMOUS, MEMBER, MANAGER, AUDITOR, ADMIN;

        String token() {
            return this == ANONYMOUS ? null : ApiTokens.forRole(name().toLowerCase());
        }
    }

    record Endpoint(String method, String path, String body, int allowedStatus, boolean adminOnly) {

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final String UNKNOWN = "00000000-0000-4000-8000-000000000000";

    static List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("GET", "/api/audit-logs", null, 200, false),
                new Endpoint("GET", "/api/audit-logs/stats?bucket=hour", null, 200, false),
                new Endpoint("GET", "/api/audit-logs/" + UNKNOWN, null, 404, false),
                new Endpoint("GET", "/api/audit-logs/" + UNKNOWN + "/proof", null, 404, false),
                new Endpoint("GET", "/api/audit-logs/export?format=ndjson&resource_id=" + UUID.randomUUID(), null, 200, false),
                new Endpoint("GET", "/api/audit-logs/export?format=csv&proofs=true&resource_id=" + UUID.randomUUID(), null, 200,
                        false),
                new Endpoint("GET", "/api/audit-logs/export?format=ocsf&resource_id=" + UUID.randomUUID(), null, 200, false),
                new Endpoint("GET", "/api/resources/task/" + UNKNOWN + "/history", null, 404, false),
                new Endpoint("POST", "/api/integrity/verify", "{\"chain_id\":\"no-such-chain\"}", 404, false),
                new Endpoint("GET", "/api/checkpoints/latest", null, 200, false),
                new Endpoint("GET", "/api/checkpoints?chain_id=events-0", null, 200, false),
                new Endpoint("GET", "/api/keys", null, 200, false),
                new Endpoint("GET", "/api/alerts", null, 200, false),
                new Endpoint("POST", "/api/alerts/" + UNKNOWN + "/acknowledge", "{\"note\":\"checked\"}", 404, true),
                new Endpoint("GET", "/api/privacy/holds", null, 200, false),
                new Endpoint("GET", "/api/privacy/holds/" + UNKNOWN, null, 404, false),
                // Allowed is a 400 here: a valid body would place a real hold on every run.
                new Endpoint("POST", "/api/privacy/holds", "{\"reason\":\"matrix\"}", 400, true),
                new Endpoint("POST", "/api/privacy/holds/" + UNKNOWN + "/release", null, 404, true),
                new Endpoint("GET", "/api/privacy/archives", null, 200, false),
                new Endpoint("GET", "/api/privacy/retention", null, 200, false),
                new Endpoint("GET", "/api/directory?ids=" + UNKNOWN, null, 200, false),
                new Endpoint("GET", "/api/directory/search?q=dana&kind=user", null, 200, false),
                new Endpoint("POST", "/api/privacy/erasures",
                        "{\"user_id\":\"" + UUID.randomUUID() + "\",\"reason\":\"authorization matrix\"}", 201, true));
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            for (Caller caller : Caller.values()) {
                cases.add(Arguments.of(endpoint, caller));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1} -> {0}")
    @MethodSource("matrix")
    void shouldAllowOnlyAuditorsAndAdmins(Endpoint endpoint, Caller caller) {
        Response response = call(endpoint, caller.token());
        int expected = switch (caller) {
            case ANONYMOUS -> 401;
            case MEMBER, MANAGER -> 403;
            case AUDITOR -> endpoint.adminOnly() ? 403 : endpoint.allowedStatus();
            case ADMIN -> endpoint.allowedStatus();
        };
        assertThat(response.statusCode()).as(caller + " " + endpoint).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(response.contentType()).startsWith(Problem.MEDIA_TYPE);
            assertThat(response.jsonPath().getInt("status")).isEqualTo(expected);
            assertThat(response.jsonPath().getString("type")).startsWith(ProblemType.PREFIX);
        }
    }

    static Stream<Arguments> streamCallers() {
        return Stream.of(Arguments.of(Caller.ANONYMOUS, 401), Arguments.of(Caller.MEMBER, 403),
                Arguments.of(Caller.MANAGER, 403), Arguments.of(Caller.AUDITOR, 200), Arguments.of(Caller.ADMIN, 200));
    }

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    /** SSE stays open when allowed, so it is checked with a streaming client: status and content type only. */
    @ParameterizedTest(name = "{0} -> GET /api/alerts/stream")
    @MethodSource("streamCallers")
    void shouldGuardTheAlertStream(Caller caller, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/alerts/stream"))
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(10));
        if (caller.token() != null) {
            request.header("Authorization", "Bearer " + caller.token());
        }
        HttpResponse<InputStream> response = HttpClient.newHttpClient()
                .send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            assertThat(response.statusCode()).isEqualTo(expected);
            String type = response.headers().firstValue("Content-Type").orElse("");
            assertThat(type).startsWith(expected == 200 ? "text/event-stream" : Problem.MEDIA_TYPE);
        }
    }

    @Test
    void shouldRejectTokensNotIssuedByProjectService() {
        for (String token : List.of(ApiTokens.forged("admin"), ApiTokens.expired("admin"), ApiTokens.otherIssuer("admin"),
                "not-a-jwt")) {
            given().auth()
                    .oauth2(token)
                    .get("/api/audit-logs")
                    .then()
                    .statusCode(401)
                    .contentType(startsWith(Problem.MEDIA_TYPE))
                    .body("type", equalTo("urn:pjctrl:problem:unauthenticated"));
        }
    }

    @Test
    void shouldKeepTheAdminUiAndHealthPublic() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void shouldDescribeTheSharedProblemDialectInTheOpenApiDocument() {
        Response document = given().queryParam("format", "json").get("/q/openapi");
        document.then().statusCode(200);
        assertThat(document.jsonPath().getMap("components.schemas.Problem.properties"))
                .containsKeys("type", "title", "status", "detail", "instance", "errors")
                .doesNotContainKey("parameter");
        assertThat(document.jsonPath().getMap("components.schemas.FieldError.properties")).containsKeys("field", "message");
    }

    private static Response call(Endpoint endpoint, String token) {
        RequestSpecification request = given().redirects().follow(false);
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        if (endpoint.body() != null) {
            request = request.contentType("application/json").body(endpoint.body());
        }
        return request.request(endpoint.method(), endpoint.path());
    }
}
