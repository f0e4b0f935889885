package io.pjctrl.audit.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.pjctrl.web.problem.Problem;
import io.quarkus.test.junit.QuarkusTest;

/** Bad input is a 400 problem+json naming the parameter, never a 500 (and never silently ignored). */
@QuarkusTest
class BadInputTest {

    static final String FORGED_CURSOR = "v1.AAYFxP4nKkBODAnQGyxNPo9AWmt8jZ4PXk2gQ6uQhyA_AAAAAAAAAAA.4x5n0pVd2Y1N3lq7y0Jx2w";

    static Stream<Arguments> badGets() {
        return Stream.of(
                Arguments.of("/api/audit-logs?sensitivity=extreme", "sensitivity"),
                Arguments.of("/api/audit-logs?sensitivity=low&sensitivity=nope", "sensitivity"),
                Arguments.of("/api/audit-logs?action=explode", "action"),
                Arguments.of("/api/audit-logs?event_type=Task.Update", "event_type"),
                Arguments.of("/api/audit-logs?resource_type=Task%20X", "resource_type"),
                Arguments.of("/api/audit-logs?user_id=not-a-uuid", "user_id"),
                Arguments.of("/api/audit-logs?project_id=1-1-1-1-1", "project_id"),
                Arguments.of("/api/audit-logs?from=yesterday", "from"),
                Arguments.of("/api/audit-logs?to=2026-13-01T00:00:00Z", "to"),
                Arguments.of("/api/audit-logs?from=2026-11-28T10:00:00Z&to=2026-11-28T09:00:00Z", "from"),
                Arguments.of("/api/audit-logs?limit=0", "limit"),
                Arguments.of("/api/audit-logs?limit=501", "limit"),
                Arguments.of("/api/audit-logs?limit=ten", "limit"),
                Arguments.of("/api/audit-logs?include_total=maybe", "include_total"),
                Arguments.of("/api/audit-logs?cursor=garbage", "cursor"),
                Arguments.of("/api/audit-logs?cursor=" + FORGED_CURSOR, "cursor"),
                Arguments.of("/api/audit-logs?evnt_type=task.update", "evnt_type"),
                Arguments.of("/api/audit-logs/not-a-uuid", "id"),
                Arguments.of("/api/audit-logs/export?format=xlsx", "format"),
                Arguments.of("/api/audit-logs/export", "format"),
                Arguments.of("/api/audit-logs/export?format=csv&from=soon", "from"),
                Arguments.of("/api/resources/task/abc/history?as_of=noon", "as_of"),
                Arguments.of("/api/resources/Task!/abc/history", "type"),
                Arguments.of("/api/checkpoints?limit=9999", "limit"),
                Arguments.of("/api/checkpoints?cursor=v1.x.y", "cursor"),
                Arguments.of("/api/alerts?severity=urgent", "severity"),
                Arguments.of("/api/alerts?acknowledged=perhaps", "acknowledged"),
                Arguments.of("/api/alerts?from=2026-11-28T10:00:00Z&to=2026-11-01T00:00:00Z", "from"),
                Arguments.of("/api/alerts?limit=-1", "limit"));
    }

    @ParameterizedTest(name = "GET {0}")
    @MethodSource("badGets")
    void shouldRejectBadQueryParametersNamingThem(String path, String parameter) {
        given().auth()
                .oauth2(ApiTokens.forRole("auditor"))
                .urlEncodingEnabled(false)
                .get(path)
                .then()
                .statusCode(400)
                .contentType(startsWith(Problem.MEDIA_TYPE))
                .body("type", equalTo("urn:pjctrl:problem:invalid-request"))
                .body("instance", equalTo(path.replaceAll("\\?.*", "")))
                .body("errors[0].field", equalTo(parameter));
    }

    static Stream<Arguments> badVerifyBodies() {
        return Stream.of(
                Arguments.of("{\"from_seq\":0}", "from_seq"),
                Arguments.of("{\"to_seq\":-5}", "to_seq"),
                Arguments.of("{\"from_seq\":10,\"to_seq\":5}", "from_seq"),
                Arguments.of("{\"from_seq\":\"ten\"}", "from_seq"),
                Arguments.of("{\"chain_id\":", "body"),
                Arguments.of("{\"chain\":\"events-0\"}", "chain"),
                Arguments.of("{\"reconcile\":\"yes\"}", "reconcile"),
                Arguments.of("{\"reconcile\":true,\"from_seq\":2}", "reconcile"),
                Arguments.of("{\"held_checkpoints\":\"a note\"}", "held_checkpoints"),
                Arguments.of("{\"held_checkpoints\":[7]}", "held_checkpoints[0]"),
                Arguments.of("{\"held_checkpoints\":[\"not a note\"]}", "held_checkpoints[0]"),
                // Framed like a note, but signed by nobody this log knows: not the log's statement.
                Arguments.of("{\"held_checkpoints\":[\"pjctrl-audit/events-0\\n3\\n"
                        + "yrdCKDqSnAFT+ostUq6JLCghEWdkE75JHtS31DdbkNo=\\ntime 2026-11-28T09:00:00.000000Z\\n\\n"
                        + "\u2014 someone AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\\n\"]}",
                        "held_checkpoints[0]"),
                Arguments.of("[1,2]", "body"));
    }

    @ParameterizedTest(name = "POST verify {0}")
    @MethodSource("badVerifyBodies")
    void shouldRejectBadVerifyRequests(String body, String parameter) {
        given().auth()
                .oauth2(ApiTokens.forRole("auditor"))
                .contentType("application/json")
                .body(body)
                .post("/api/integrity/verify")
                .then()
                .statusCode(400)
                .contentType(startsWith(Problem.MEDIA_TYPE))
                .body("type", equalTo("urn:pjctrl:problem:invalid-request"))
                .body("errors[0].field", equalTo(parameter));
    }

    static Stream<Arguments> badAcknowledgements() {
        return Stream.of(
                Arguments.of("{}", "note"),
                Arguments.of("{\"note\":\"   \"}", "note"),
                Arguments.of("{\"note\":\"" + "x".repeat(2001) + "\"}", "note"),
                Arguments.of("not json", "body"),
                Arguments.of("{\"note\":{\"a\":1}}", "note"),
                Arguments.of("{\"note\":\"ok\",\"extra\":true}", "extra"),
                Arguments.of("{\"note\":\"nul \\u0000 inside\"}", "note"),
                Arguments.of("{\"note\":\"lone \\ud800 surrogate\"}", "note"));
    }

    @ParameterizedTest(name = "POST acknowledge {0}")
    @MethodSource("badAcknowledgements")
    void shouldRejectBadAcknowledgements(String body, String parameter) {
        given().auth()
                .oauth2(ApiTokens.forRole("admin"))
                .contentType("application/json")
                .body(body)
                .post("/api/alerts/" + java.util.UUID.randomUUID() + "/acknowledge")
                .then()
                .statusCode(400)
                .contentType(startsWith(Problem.MEDIA_TYPE))
                .body("type", equalTo("urn:pjctrl:problem:invalid-request"))
                .body("errors[0].field", equalTo(parameter));
    }
}
