package io.pjctrl.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

/**
 * The wiring across both services, as deployed: a change made through project-service's API travels through its
 * outbox, its Kafka producer and the real broker, and is consumed, chained and stored by audit-service.
 */
class EndToEndIT {

    private static SystemStack stack;

    @BeforeAll
    static void startStack() {
        stack = SystemStack.shared();
    }

    @Test
    void shouldStoreAChangeMadeInProjectServiceAsAChainedAuditEntry() throws Exception {
        String token = Api.login(stack, SystemStack.ADMIN_EMAIL, SystemStack.ADMIN_PASSWORD);

        String projectId = given().baseUri(stack.projectService().url())
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .header("X-Request-Id", "system-test-e2e-1")
                .body(Map.of("name", "End to end", "description", "crosses both services"))
                .post("/api/projects")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        List<Map<String, Object>> rows = awaitRows(projectId, 1, Duration.ofSeconds(60));
        Map<String, Object> entry = rows.get(0);
        assertThat(entry.get("event_type")).isEqualTo("project.create");
        assertThat(entry.get("action")).isEqualTo("create");
        assertThat((String) entry.get("request_metadata")).contains("system-test-e2e-1");
        assertThat((String) entry.get("checksum")).matches("[0-9a-f]{64}");
        assertThat((String) entry.get("prev_checksum")).matches("[0-9a-f]{64}");
        assertThat((Long) entry.get("seq")).isPositive();
    }

    private static List<Map<String, Object>> awaitRows(String resourceId, int expected, Duration timeout) throws SQLException {
        Instant deadline = Instant.now().plus(timeout);
        List<Map<String, Object>> rows = List.of();
        while (Instant.now().isBefore(deadline)) {
            rows = query(resourceId);
            if (rows.size() >= expected) {
                return rows;
            }
            ServiceProcess.sleep(250);
        }
        throw new AssertionError("expected " + expected + " audit entries for " + resourceId + " within " + timeout
                + ", found " + rows.size() + "; see " + stack.work());
    }

    private static List<Map<String, Object>> query(String resourceId) throws SQLException {
        String sql = "SELECT event_type, action, request_metadata::text AS request_metadata, checksum, prev_checksum, seq "
                + "FROM audit_logs WHERE resource_id = ? ORDER BY chain_id, seq";
        try (Connection c = stack.auditDb().connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, resourceId);
            try (ResultSet rs = s.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(Map.of("event_type", rs.getString(1), "action", rs.getString(2), "request_metadata",
                            rs.getString(3), "checksum", rs.getString(4), "prev_checksum", rs.getString(5), "seq",
                            rs.getLong(6)));
                }
                return rows;
            }
        }
    }
}
