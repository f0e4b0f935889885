package io.pjctrl.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.pjctrl.testing.Prerequisites;
import io.restassured.http.ContentType;

/**
 * The admin UI in a real headless Chromium (Debian's, driven by playwright-core) against both services running
 * as JVMs with real data made through project-service's API: sign in, filter, page, open a history, acknowledge
 * an alert, download and parse exports, run a verification. Screenshots of each page land in
 * system-tests/target/e2e-screenshots. The script is audit-service/src/main/webui/e2e/admin-e2e.mjs.
 */
class BrowserE2EIT {

    private static SystemStack stack;

    @BeforeAll
    static void startStack() {
        stack = SystemStack.shared();
    }

    @Test
    void shouldWalkThroughTheAdminUiWithRealData() throws Exception {
        Path webui = stack.root().resolve("audit-service/src/main/webui");
        // Skipped without them on a developer's machine; on CI (CI=true) their absence fails the test.
        Prerequisites.require(Files.isExecutable(Path.of("/usr/bin/chromium")),
                "Debian's chromium is not installed (deploy/local/test.sh installs it as root)");
        Prerequisites.require(Files.isDirectory(webui.resolve("node_modules/playwright-core")),
                "the web UI's npm packages are not installed (skip.webui build?)");

        String admin = Api.login(stack, SystemStack.ADMIN_EMAIL, SystemStack.ADMIN_PASSWORD);
        seed(admin);
        awaitAlert(admin, Duration.ofSeconds(60));

        Path screenshots = stack.root().resolve("system-tests/target/e2e-screenshots");
        Path log = stack.work().resolve("browser-e2e.log");
        ProcessBuilder node = new ProcessBuilder("node", "e2e/admin-e2e.mjs").directory(webui.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        node.environment().putAll(Map.of("AUDIT_URL", stack.auditService().url(), "LOGIN_EMAIL", SystemStack.ADMIN_EMAIL,
                "LOGIN_PASSWORD", SystemStack.ADMIN_PASSWORD, "SCREENSHOT_DIR", screenshots.toString()));
        Process process = node.start();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        System.out.println(output);
        assertThat(finished).as("browser test finished within 5 minutes").isTrue();
        assertThat(process.exitValue()).as("browser test exit code; output:%n%s", output).isZero();
        try (var files = Files.list(screenshots)) {
            assertThat(files.filter(f -> f.toString().endsWith(".png")).count()).as("screenshots taken")
                    .isGreaterThanOrEqualTo(4);
        }
    }

    /** Enough real history for paging (more than one page of 10), a resource with several versions and alerts. */
    private static void seed(String token) {
        String project = create(token, "/api/projects",
                Map.of("name", "Browser test", "description", "seeded, \"quoted\", ünïcödé"));
        for (int i = 0; i < 8; i++) {
            String task = create(token, "/api/projects/" + project + "/tasks",
                    Map.of("title", "Task " + i, "description", "=cmd|' /C calc'!A0", "status", "todo", "priority", "medium"));
            patch(token, "/api/tasks/" + task, Map.of("status", "in_progress"));
        }
        String doomed = create(token, "/api/projects", Map.of("name", "To be deleted", "description", "raises an alert"));
        given().baseUri(stack.projectService().url()).auth().oauth2(token).delete("/api/projects/" + doomed).then().statusCode(
                org.hamcrest.Matchers.lessThan(300));
        String user = create(token, "/api/users",
                Map.of("email", "browser-" + System.nanoTime() + "@test.local", "display_name", "Browser User", "role",
                        "member",
                        "password", "a-long-enough-password"));
        given().baseUri(stack.projectService().url())
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("role", "manager"))
                .put("/api/users/" + user + "/role")
                .then()
                .statusCode(org.hamcrest.Matchers.lessThan(300));
    }

    private static void awaitAlert(String token, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            List<?> items = given().baseUri(stack.auditService().url())
                    .auth()
                    .oauth2(token)
                    .get("/api/alerts?acknowledged=false")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("items");
            if (items != null && !items.isEmpty()) {
                return;
            }
            ServiceProcess.sleep(500);
        }
        throw new AssertionError("no unacknowledged alert in audit-service after " + timeout);
    }

    private static String create(String token, String path, Map<String, Object> body) {
        return given().baseUri(stack.projectService().url())
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post(path)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static void patch(String token, String path, Map<String, Object> body) {
        given().baseUri(stack.projectService().url())
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .patch(path)
                .then()
                .statusCode(200);
    }
}
