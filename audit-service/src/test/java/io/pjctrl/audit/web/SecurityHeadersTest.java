package io.pjctrl.audit.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.pjctrl.web.SecurityHeaders;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** The browser-facing security headers on every kind of answer of the packaged service: REST, errors, health, 404. */
@QuarkusTest
class SecurityHeadersTest {

    @Test
    void shouldSendTheSecurityHeadersOnEveryKindOfAnswer() {
        for (String path : new String[]{"/api/audit-logs", "/api/alerts?limit=abc", "/q/health/ready", "/no-such-path"}) {
            ExtractableResponse<Response> answer = given().get(path).then().extract();
            assertThat(answer.header("Content-Security-Policy")).as("CSP of %s (%d)", path, answer.statusCode())
                    .isEqualTo(SecurityHeaders.CONTENT_SECURITY_POLICY);
            assertThat(answer.header("X-Content-Type-Options")).as("nosniff of %s", path).isEqualTo("nosniff");
            assertThat(answer.header("Referrer-Policy")).as("Referrer-Policy of %s", path).isEqualTo("no-referrer");
            assertThat(answer.header("X-Frame-Options")).as("X-Frame-Options of %s", path).isEqualTo("DENY");
        }
    }

    @Test
    void shouldAnswerHeadLikeGet() {
        for (String path : new String[]{"/api/audit-logs", "/api/alerts?limit=abc", "/q/health/ready", "/no-such-path"}) {
            ExtractableResponse<Response> get = given().get(path).then().extract();
            ExtractableResponse<Response> head = given().head(path).then().extract();
            assertThat(head.statusCode()).as("HEAD %s", path).isEqualTo(get.statusCode());
            assertThat(head.header("Content-Security-Policy")).as("HEAD %s", path)
                    .isEqualTo(get.header("Content-Security-Policy"));
            assertThat(head.header("Cache-Control")).as("HEAD %s", path).isEqualTo(get.header("Cache-Control"));
        }
    }
}
