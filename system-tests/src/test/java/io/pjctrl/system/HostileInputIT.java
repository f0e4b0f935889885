package io.pjctrl.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;

/**
 * A corpus of hostile requests against both packaged services: malformed and truncated JSON, 10 MB bodies,
 * deeply nested JSON, invalid UTF-8, unicode edge cases, SQL-injection strings in every filter, forged cursors,
 * negative and huge limits, unknown enum values, ids that are not UUIDs, and forged or revoked tokens. No request
 * may get a 5xx; refusals are 4xx application/problem+json in the one dialect of both services, without stack traces;
 * password guessing is throttled with 429; both services stay healthy.
 */
class HostileInputIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] INJECTIONS = {"' OR '1'='1", "'; DROP TABLE audit_logs; --", "1) OR (1=1",
            "\" OR \"\"=\"", "%' UNION SELECT password_hash FROM users --", "$1", "\\x27"};

    private static SystemStack stack;
    private static String admin;
    private static String projectId;
    private static String taskId;

    @BeforeAll
    static void seed() {
        stack = SystemStack.shared();
        admin = Api.login(stack, SystemStack.ADMIN_EMAIL, SystemStack.ADMIN_PASSWORD);
        projectId = io.restassured.RestAssured.given()
                .baseUri(stack.projectService().url())
                .auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "hostile", "description", "target"))
                .post("/api/projects")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        taskId = io.restassured.RestAssured.given()
                .baseUri(stack.projectService().url())
                .auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("title", "hostile task", "description", "x", "status", "todo", "priority", "low"))
                .post("/api/projects/" + projectId + "/tasks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @AfterAll
    static void servicesStayHealthy() {
        assertThat(stack.projectService().ready()).as("project-service ready after the corpus").isTrue();
        assertThat(stack.auditService().ready()).as("audit-service ready after the corpus").isTrue();
    }

    @TestFactory
    Stream<DynamicTest> shouldRefuseMalformedBodiesWithProblemJson() {
        List<DynamicTest> tests = new ArrayList<>();
        Map<String, byte[]> bodies = Map.of(
                "truncated JSON", "{\"name\": \"x\"".getBytes(StandardCharsets.UTF_8),
                "not JSON", "name=x".getBytes(StandardCharsets.UTF_8),
                "JSON array instead of object", "[1,2]".getBytes(StandardCharsets.UTF_8),
                "JSON null", "null".getBytes(StandardCharsets.UTF_8),
                "invalid UTF-8", new byte[]{'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
                "deeply nested JSON",
                ("{\"name\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}").getBytes(StandardCharsets.UTF_8),
                "10 MB body", ("{\"name\":\"" + "a".repeat(10 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8),
                "wrong types", "{\"name\":{\"a\":1},\"description\":[true]}".getBytes(StandardCharsets.UTF_8));
        List<String[]> targets = List.of(
                new String[]{"project", "POST", "/api/projects"},
                new String[]{"project", "PATCH", "/api/projects/" + projectId},
                new String[]{"project", "POST", "/api/projects/" + projectId + "/tasks"},
                new String[]{"project", "PATCH", "/api/tasks/" + taskId},
                new String[]{"project", "PUT", "/api/tasks/" + taskId + "/assignee"},
                new String[]{"project", "POST", "/api/tasks/" + taskId + "/blockers"},
                new String[]{"project", "POST", "/api/users"},
                new String[]{"project", "POST", "/api/auth/login"},
                new String[]{"audit", "POST", "/api/integrity/verify"});
        for (String[] target : targets) {
            bodies.forEach((kind, body) -> {
                // verify's body is optional: JSON null means "all chains", a valid request.
                if (target[2].equals("/api/integrity/verify") && kind.equals("JSON null")) {
                    return;
                }
                tests.add(DynamicTest.dynamicTest(target[1] + " " + target[2] + " with " + kind,
                        () -> assertRefused(send(target[0], target[1], target[2], admin, body))));
            });
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> shouldRefuseBadValuesNamingTheField() {
        List<DynamicTest> tests = new ArrayList<>();
        Map<String, String> bodies = Map.of(
                "unknown status", "{\"title\":\"t\",\"description\":\"d\",\"status\":\"bogus\",\"priority\":\"low\"}",
                "unknown priority", "{\"title\":\"t\",\"description\":\"d\",\"status\":\"todo\",\"priority\":\"urgent!!\"}",
                "missing title", "{\"description\":\"d\",\"status\":\"todo\",\"priority\":\"low\"}",
                "over-long title", "{\"title\":\"" + "t".repeat(100_000) + "\",\"status\":\"todo\",\"priority\":\"low\"}",
                "NUL in a string", "{\"title\":\"a\\u0000b\",\"status\":\"todo\",\"priority\":\"low\"}",
                "lone surrogate", "{\"title\":\"\\ud800\",\"status\":\"todo\",\"priority\":\"low\"}",
                "bad due date", "{\"title\":\"t\",\"status\":\"todo\",\"priority\":\"low\",\"due_date\":\"tomorrow\"}");
        bodies.forEach((kind, body) -> tests.add(DynamicTest.dynamicTest("create task with " + kind,
                () -> assertRefused(send("project", "POST", "/api/projects/" + projectId + "/tasks", admin,
                        body.getBytes(StandardCharsets.UTF_8))))));
        tests.add(DynamicTest.dynamicTest("role change to unknown role", () -> assertRefused(send("project", "PUT",
                "/api/users/" + java.util.UUID.randomUUID() + "/role", admin,
                "{\"role\":\"root\"}".getBytes(StandardCharsets.UTF_8)))));
        return tests.stream();
    }

    @Test
    void shouldAcceptOrRefuseUnicodeEdgeCasesButNeverFail() throws Exception {
        for (String text : List.of("ünïcödé ✓", "😀👩‍👩‍👧", "\u202Eevil", "\u200B", "ｆｕｌｌｗｉｄｔｈ", "a\u0301", "\uFEFFbom")) {
            String body = JSON.writeValueAsString(Map.of("name", text, "description", text));
            HttpResponse<String> response = send("project", "POST", "/api/projects", admin,
                    body.getBytes(StandardCharsets.UTF_8));
            assertThat(response.statusCode()).as("POST /api/projects with %s", text).isIn(201, 400);
            if (response.statusCode() == 201) {
                String id = JSON.readTree(response.body()).path("id").asText();
                HttpResponse<String> read = send("project", "GET", "/api/projects/" + id, admin, null);
                assertThat(JSON.readTree(read.body()).path("name").asText()).as("round trip of %s", text).isEqualTo(text);
            } else {
                assertRefused(response);
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> shouldRefuseBadPathIdsAndPaging() {
        List<String[]> probes = new ArrayList<>();
        for (String id : List.of("not-a-uuid", "1", "' OR 1=1 --", "00000000-0000-0000-0000-00000000000g")) {
            String enc = URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
            probes.add(new String[]{"project", "GET", "/api/projects/" + enc});
            probes.add(new String[]{"project", "GET", "/api/tasks/" + enc});
            probes.add(new String[]{"project", "POST", "/api/projects/" + enc + "/restore"});
            probes.add(new String[]{"audit", "GET", "/api/audit-logs/" + enc});
            probes.add(new String[]{"audit", "POST", "/api/alerts/" + enc + "/acknowledge"});
        }
        probes.add(new String[]{"project", "GET", "/api/projects/" + java.util.UUID.randomUUID()});
        probes.add(new String[]{"audit", "GET", "/api/audit-logs/" + java.util.UUID.randomUUID()});
        for (String paging : List.of("page=-1", "size=-5", "size=100000000", "page=abc", "size=99999999999999999999",
                "status=bogus")) {
            probes.add(new String[]{"project", "GET", "/api/projects?" + paging});
            probes.add(new String[]{"project", "GET", "/api/projects/" + projectId + "/tasks?" + paging});
        }
        for (String query : List.of("limit=-1", "limit=0", "limit=501", "limit=99999999999999", "limit=abc",
                "cursor=garbage", "cursor=eyJ0IjoiMjAyNi0wMS0wMVQwMDowMDowMFoiLCJpZCI6IngifQ", "from=yesterday",
                "from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "sensitivity=bogus", "action=explode",
                "user_id=not-a-uuid", "project_id=1", "include_total=maybe")) {
            probes.add(new String[]{"audit", "GET", "/api/audit-logs?" + query});
            probes.add(new String[]{"audit", "GET", "/api/audit-logs/export?format=csv&" + query});
        }
        probes.add(new String[]{"audit", "GET", "/api/audit-logs/export?format=xml"});
        probes.add(new String[]{"audit", "GET", "/api/alerts?severity=bogus"});
        probes.add(new String[]{"audit", "GET", "/api/alerts?limit=-3"});
        probes.add(new String[]{"audit", "GET", "/api/resources/task/" + taskId + "/history?as_of=yesterday"});
        return probes.stream()
                .map(p -> DynamicTest.dynamicTest(p[0] + " " + p[1] + " " + p[2],
                        () -> assertRefused(send(p[0], p[1], p[2], admin, p[1].equals("GET") ? null : "{}".getBytes()))));
    }

    @TestFactory
    Stream<DynamicTest> shouldNeverLetSqlInjectionThroughAFilter() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String filter : List.of("event_type", "resource_type", "resource_id", "user_id", "project_id", "action",
                "sensitivity", "from", "to", "cursor")) {
            for (String injection : INJECTIONS) {
                String path = "/api/audit-logs?" + filter + "=" + URLEncoder.encode(injection, StandardCharsets.UTF_8);
                tests.add(DynamicTest.dynamicTest("GET " + path, () -> {
                    HttpResponse<String> response = send("audit", "GET", path, admin, null);
                    if (response.statusCode() == 200) {
                        assertThat(JSON.readTree(response.body()).path("items").size())
                                .as("an injection string matched entries: it reached SQL as code")
                                .isZero();
                    } else {
                        assertRefused(response);
                    }
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> shouldRefuseForgedAndRevokedTokens() {
        Map<String, String> tokens = new java.util.LinkedHashMap<>();
        tokens.put("expired", Tokens.signed("jwt-private.pem", "admin", Instant.now().minusSeconds(3600)));
        tokens.put("signed by another key", Tokens.signed("other-jwt-private.pem", "admin", Instant.now().plusSeconds(600)));
        tokens.put("alg none", Tokens.unsigned("admin"));
        tokens.put("tampered payload", Tokens.tampered());
        tokens.put("garbage", "not.a.token");
        tokens.put("revoked jti", revokedToken());
        List<DynamicTest> tests = new ArrayList<>();
        tokens.forEach((kind, token) -> {
            tests.add(DynamicTest.dynamicTest("project-service with " + kind,
                    () -> assertStatus(send("project", "GET", "/api/projects", token, null), 401)));
            if (!kind.equals("revoked jti")) {
                tests.add(DynamicTest.dynamicTest("audit-service with " + kind,
                        () -> assertStatus(send("audit", "GET", "/api/audit-logs", token, null), 401)));
            }
        });
        // audit-service learns of the logout from the trail: the token is refused once the user.logout is ingested.
        tests.add(DynamicTest.dynamicTest("audit-service with revoked jti, once the logout is ingested", () -> {
            HttpResponse<String> response = send("audit", "GET", "/api/audit-logs", tokens.get("revoked jti"), null);
            Instant deadline = Instant.now().plusSeconds(15);
            while (response.statusCode() == 200 && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
                response = send("audit", "GET", "/api/audit-logs", tokens.get("revoked jti"), null);
            }
            assertStatus(response, 401);
        }));
        String noRole = Tokens.signed("jwt-private.pem", null, Instant.now().plusSeconds(600));
        tests.add(DynamicTest.dynamicTest("project-service admin endpoint without a role",
                () -> assertStatus(send("project", "GET", "/api/users", noRole, null), 403)));
        tests.add(DynamicTest.dynamicTest("audit-service without a role",
                () -> assertStatus(send("audit", "GET", "/api/audit-logs", noRole, null), 403)));
        String member = Tokens.signed("jwt-private.pem", "member", Instant.now().plusSeconds(600));
        tests.add(DynamicTest.dynamicTest("audit-service as member",
                () -> assertStatus(send("audit", "GET", "/api/audit-logs", member, null), 403)));
        return tests.stream();
    }

    /**
     * A token of a user of its own (logging out the admin would end the admin token the other tests use at
     * audit-service), logged out more than a second after it was issued: audit-service lets through tokens issued
     * within the second of a logout.
     */
    private static String revokedToken() {
        String email = "revoked-" + java.util.UUID.randomUUID() + "@pjctrl.test";
        io.restassured.RestAssured.given()
                .baseUri(stack.projectService().url())
                .auth()
                .oauth2(admin)
                .contentType("application/json")
                .body("{\"email\":\"" + email + "\",\"display_name\":\"Logs out\",\"role\":\"auditor\","
                        + "\"password\":\"revoked-pw-1234\"}")
                .post("/api/users")
                .then()
                .statusCode(201);
        String token = Api.login(stack, email, "revoked-pw-1234");
        try {
            Thread.sleep(1_100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        io.restassured.RestAssured.given()
                .baseUri(stack.projectService().url())
                .auth()
                .oauth2(token)
                .post("/api/auth/logout")
                .then()
                .statusCode(org.hamcrest.Matchers.lessThan(300));
        return token;
    }

    /**
     * Guessing one account's password: after the free attempts, project-service and the admin UI's sign-in proxy both
     * answer 429 problem+json with Retry-After (the throttle's own cases are LoginThrottleTest). From an address of
     * its own (X-Forwarded-For; the stack trusts 127.0.0.1 as a proxy), so the rest of the suite's sign-ins are not
     * slowed down.
     */
    @Test
    void shouldThrottleGuessingWithA429ProblemAndRetryAfter() throws Exception {
        String address = "198.18.13." + java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 255);
        String email = "guessed-" + java.util.UUID.randomUUID() + "@pjctrl.test";
        String direct = stack.projectService().url() + "/api/auth/login";
        // Guess, wait out each Retry-After, guess again, until the wait is long enough to try the proxy within it.
        long wait = 0;
        for (int attempt = 1; attempt <= 20 && wait < 8; attempt++) {
            HttpResponse<String> answer = login(direct, email, "guess-" + attempt, address);
            if (answer.statusCode() == 401) {
                assertStatus(answer, 401);
                continue;
            }
            wait = assertThrottled(answer);
            if (wait < 8) {
                Thread.sleep(wait * 1_000);
            }
        }
        assertThat(wait).as("the wait grew to 8 s within 20 attempts").isGreaterThanOrEqualTo(8);
        assertThrottled(login(stack.auditService().url() + "/api/session/login", email, "guess-again", address));
    }

    private static long assertThrottled(HttpResponse<String> response) throws Exception {
        assertStatus(response, 429);
        assertThat(JSON.readTree(response.body()).path("type").asText()).isEqualTo("urn:pjctrl:problem:too-many-requests");
        long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElse("0"));
        assertThat(retryAfter).as("Retry-After of %s", response.uri()).isBetween(1L, 30L);
        return retryAfter;
    }

    private static HttpResponse<String> login(String url, String email, String password, String forwardedFor)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("email", email, "password",
                        password))))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertStatus(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as("status of %s", response.uri()).isEqualTo(status);
        assertProblem(response);
    }

    private static void assertRefused(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as("status of %s %s: %s", response.request().method(), response.uri(),
                abbreviate(response.body())).isBetween(400, 499);
        assertProblem(response);
    }

    private static void assertProblem(HttpResponse<String> response) throws Exception {
        assertThat(response.headers().firstValue("content-type").orElse(""))
                .as("content type of %s %s", response.request().method(), response.uri())
                .startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        // The one dialect of both services (web-common's Problem): a stable type URN, the status, a title, the path.
        assertThat(problem.path("type").asText()).as("type of %s", response.uri()).startsWith("urn:pjctrl:problem:");
        assertThat(problem.path("status").asInt()).isEqualTo(response.statusCode());
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("instance").asText()).as("instance of %s", response.uri()).startsWith("/");
        if (problem.has("errors")) {
            for (JsonNode error : problem.path("errors")) {
                assertThat(error.path("field").asText()).as("errors[].field of %s", response.uri()).isNotBlank();
                assertThat(error.path("message").asText()).as("errors[].message of %s", response.uri()).isNotBlank();
            }
        }
        assertThat(problem.has("parameter")).as("the old audit-service member 'parameter'").isFalse();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("at io.");
    }

    private static HttpResponse<String> send(String service, String method, String path, String token, byte[] body)
            throws Exception {
        String base = service.equals("audit") ? stack.auditService().url() : stack.projectService().url();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .method(method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String abbreviate(String text) {
        return text == null || text.length() < 300 ? text : text.substring(0, 300) + "...";
    }
}
