package io.pjctrl.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.pjctrl.web.SecurityHeaders;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * The one check of web-common's browser-facing security headers, run by each service's suite against its own paths
 * (a REST answer, a refused request, health, a 404), so both services are held to the same headers.
 */
public final class SecurityHeaderChecks {

    private SecurityHeaderChecks() {
    }

    /** Every answer carries the CSP, nosniff, Referrer-Policy and X-Frame-Options of {@link SecurityHeaders}. */
    public static void assertOnEveryAnswer(String... paths) {
        for (String path : paths) {
            ExtractableResponse<Response> answer = given().get(path).then().extract();
            assertThat(answer.header("Content-Security-Policy")).as("CSP of %s (%d)", path, answer.statusCode())
                    .isEqualTo(SecurityHeaders.CONTENT_SECURITY_POLICY);
            assertThat(answer.header("X-Content-Type-Options")).as("nosniff of %s", path).isEqualTo("nosniff");
            assertThat(answer.header("Referrer-Policy")).as("Referrer-Policy of %s", path).isEqualTo("no-referrer");
            assertThat(answer.header("X-Frame-Options")).as("X-Frame-Options of %s", path).isEqualTo("DENY");
        }
    }

    /** HEAD answers with GET's status, CSP and Cache-Control. */
    public static void assertHeadLikeGet(String... paths) {
        for (String path : paths) {
            ExtractableResponse<Response> get = given().get(path).then().extract();
            ExtractableResponse<Response> head = given().head(path).then().extract();
            assertThat(head.statusCode()).as("HEAD %s", path).isEqualTo(get.statusCode());
            assertThat(head.header("Content-Security-Policy")).as("HEAD %s", path)
                    .isEqualTo(get.header("Content-Security-Policy"));
            assertThat(head.header("Cache-Control")).as("HEAD %s", path).isEqualTo(get.header("Cache-Control"));
        }
    }
}
