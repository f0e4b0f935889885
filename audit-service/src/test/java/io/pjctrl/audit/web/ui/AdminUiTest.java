package io.pjctrl.audit.web.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pjctrl.testing.Prerequisites;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The admin UI as the packaged service serves it: index.html for "/" and every deep link, hashed assets cached.
 * Skipped without a built UI, except on CI, where that fails.
 */
@QuarkusTest
class AdminUiTest {

    @BeforeEach
    void requireBuiltUi() {
        Prerequisites.require(getClass().getClassLoader().getResource(AdminUiRoutes.INDEX_RESOURCE) != null,
                "admin UI not built (-Dskip.webui)");
    }

    @Test
    void shouldServeTheUiAtTheRootWithoutCaching() {
        given().when()
                .get("/")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/html"))
                .header("Cache-Control", "no-cache")
                .body(containsString("<div id=\"root\"></div>"));
    }

    @Test
    void shouldAnswerHeadLikeGet() {
        for (String page : new String[]{"/", "/audit", "/alerts"}) {
            var get = given().get(page).then().statusCode(200).extract();
            given().when()
                    .head(page)
                    .then()
                    .statusCode(200)
                    .contentType(startsWith("text/html"))
                    .header("Cache-Control", get.header("Cache-Control"))
                    .header("Content-Security-Policy", get.header("Content-Security-Policy"))
                    .header("Content-Length", String.valueOf(get.asByteArray().length));
        }
    }

    @Test
    void shouldServeTheUiUnderAPolicyWithoutInlineScript() {
        var page = given().get("/").then().statusCode(200).extract();
        assertThat(page.header("Content-Security-Policy")).isEqualTo(io.pjctrl.web.SecurityHeaders.CONTENT_SECURITY_POLICY)
                .contains("script-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        // The policy would block them: the built page must carry no inline script, inline style or event handler.
        String html = page.asString();
        assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>").matcher(html).find()).as("inline <script>").isFalse();
        assertThat(html).doesNotContain("<style", " style=", " onload=", " onclick=", "javascript:");
    }

    @Test
    void shouldServeTheUiForSharedDeepLinks() {
        for (String link : new String[]{"/audit?event_type=task.update&sensitivity=high", "/alerts", "/integrity",
                "/resources/task/5d2f6c1e-8f1a-4c1e-9a43-0c6d1f2b7e10?as_of=2026-01-01T00:00:00Z", "/login"}) {
            given().when()
                    .get(link)
                    .then()
                    .statusCode(200)
                    .contentType(startsWith("text/html"))
                    .body(containsString("<div id=\"root\"></div>"));
        }
    }

    @Test
    void shouldServeTheBundledScriptThatIndexReferences() {
        String index = given().get("/").then().statusCode(200).extract().asString();
        Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(index);
        assertThat(script.find()).as("index.html references a bundled script").isTrue();

        given().when()
                .get(script.group(1))
                .then()
                .statusCode(200)
                .contentType(containsString("javascript"))
                .header("Cache-Control", containsString("max-age=31536000"));
    }

    @Test
    void shouldNotAnswerApiOrUnknownPathsWithTheUi() {
        for (String path : new String[]{"/api/no-such-endpoint", "/q/no-such-thing", "/no-such-page", "/auditx"}) {
            given().when()
                    .get(path)
                    .then()
                    .statusCode(404)
                    .body(not(containsString("<div id=\"root\"></div>")));
        }
    }
}
