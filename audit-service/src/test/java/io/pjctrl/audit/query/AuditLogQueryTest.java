package io.pjctrl.audit.query;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pjctrl.audit.testsupport.SeededEvents;
import io.pjctrl.audit.testsupport.TestEvent;
import io.pjctrl.audit.web.ApiTokens;
import io.pjctrl.testing.InjectInfra;
import io.pjctrl.testing.TestDatabase;
import io.pjctrl.testing.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * Every filter of GET /api/audit-logs over events that went through the real ingest (Kafka -> audit_logs). Each
 * query is scoped to this class's own project so other tests' entries in the shared database do not interfere.
 */
@QuarkusTest
class AuditLogQueryTest {

    static final UUID PROJECT = UUID.randomUUID();
    static final UUID ALICE = UUID.randomUUID();
    static final UUID BOB = UUID.randomUUID();
    static final String TASK_1 = UUID.randomUUID().toString();
    static final String TASK_2 = UUID.randomUUID().toString();
    static final Instant T0 = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    static final SeededEvents EVENTS = new SeededEvents(AuditLogQueryTest::events);

    @InjectInfra
    KafkaCompanion kafka;
    @InjectInfra
    TestTopics topics;
    @InjectInfra
    TestDatabase db;

    @BeforeEach
    void publishOnce() {
        EVENTS.publishOnce(kafka, topics, db);
    }

    static List<TestEvent> events() {
        return List.of(
                task("task.create", "create", TASK_1, 1, ALICE, "member", 0, "{\"title\":{\"new\":\"Draft\"}}"),
                task("task.update", "update", TASK_1, 2, BOB, "manager", 1,
                        "{\"title\":{\"old\":\"Draft\",\"new\":\"Final\"}}"),
                task("task.delete", "delete", TASK_1, 3, ALICE, "member", 2, "{\"title\":{\"old\":\"Final\"}}"),
                TestEvent.of("project.create").resource("project", PROJECT.toString()).projectId(PROJECT)
                        .action("create").aggregateVersion(1).actor(BOB, "manager").occurredAt(T0.plusSeconds(3))
                        .changes("{\"name\":{\"new\":\"B\"}}"),
                task("task.assign", "update", TASK_2, 1, BOB, "manager", 4,
                        "{\"assignee_id\":{\"old\":null,\"new\":\"" + ALICE + "\"}}"),
                task("task.restore", "restore", TASK_1, 4, ALICE, "member", 5, "{}"));
    }

    static TestEvent task(String type, String action, String id, long version, UUID actor, String role, int second,
            String changes) {
        return TestEvent.of(type).resource("task", id).projectId(PROJECT).action(action).aggregateVersion(version)
                .actor(actor, role).occurredAt(T0.plusSeconds(second)).changes(changes);
    }

    @Test
    void shouldListTheProjectNewestFirst() {
        assertThat(eventIds(list("project_id=" + PROJECT))).containsExactly(ids(5, 4, 3, 2, 1, 0));
    }

    @Test
    void shouldFilterByRepeatedEventType() {
        assertThat(eventIds(list("project_id=" + PROJECT + "&event_type=task.update&event_type=task.delete")))
                .containsExactly(ids(2, 1));
    }

    @Test
    void shouldFilterByResource() {
        assertThat(eventIds(list("resource_type=task&resource_id=" + TASK_1))).containsExactly(ids(5, 2, 1, 0));
        assertThat(eventIds(list("project_id=" + PROJECT + "&resource_type=project"))).containsExactly(ids(3));
    }

    @Test
    void shouldFilterByUser() {
        assertThat(eventIds(list("user_id=" + ALICE))).containsExactly(ids(5, 2, 0));
    }

    @Test
    void shouldFilterByAction() {
        assertThat(eventIds(list("project_id=" + PROJECT + "&action=delete"))).containsExactly(ids(2));
    }

    @Test
    void shouldFilterByRepeatedSensitivity() throws Exception {
        List<String> levels = storedSensitivities();
        String first = levels.get(0);
        List<String> expected = new ArrayList<>();
        for (int i = EVENTS.size() - 1; i >= 0; i--) {
            if (levels.get(i).equals(first)) {
                expected.add(EVENTS.get(i).eventId().toString());
            }
        }
        assertThat(eventIds(list("project_id=" + PROJECT + "&sensitivity=" + first))).containsExactlyElementsOf(expected);
        List<String> all = eventIds(
                list("project_id=" + PROJECT + "&sensitivity=low&sensitivity=medium&sensitivity=high&sensitivity=critical"));
        assertThat(all).containsExactly(ids(5, 4, 3, 2, 1, 0));
    }

    @Test
    void shouldFilterByInclusiveTimeRange() {
        String query = "project_id=" + PROJECT + "&from=" + T0.plusSeconds(1) + "&to=" + T0.plusSeconds(3);
        assertThat(eventIds(list(query))).containsExactly(ids(3, 2, 1));
        String offset = "project_id=" + PROJECT + "&from=" + T0.plusSeconds(4).atOffset(java.time.ZoneOffset.ofHours(2));
        assertThat(eventIds(list(offset.replace("+", "%2B")))).containsExactly(ids(5, 4));
    }

    @Test
    void shouldCombineFilters() {
        assertThat(eventIds(list("project_id=" + PROJECT + "&user_id=" + BOB + "&event_type=task.assign")))
                .containsExactly(ids(4));
    }

    @Test
    void shouldPageWithAnOpaqueCursorWithoutRepeatsOrGaps() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonPath page = list("project_id=" + PROJECT + "&limit=4" + (cursor == null ? "" : "&cursor=" + cursor));
            seen.addAll(page.getList("items.event_id"));
            cursor = page.getString("next_cursor");
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(2);
        assertThat(seen).containsExactly(ids(5, 4, 3, 2, 1, 0));
    }

    @Test
    void shouldCountTotalOnlyWhenAsked() {
        JsonPath counted = list("project_id=" + PROJECT + "&limit=1&include_total=true");
        assertThat(counted.getLong("total")).isEqualTo(6);
        assertThat(counted.getList("items")).hasSize(1);
        assertThat(list("project_id=" + PROJECT).getMap("$")).doesNotContainKey("total");
    }

    @Test
    void shouldShowOneEntryWithItsChainPositionAndJsonColumns() throws Exception {
        String eventId = EVENTS.get(1).eventId().toString();
        JsonPath listed = list("project_id=" + PROJECT + "&event_type=task.update");
        String id = listed.getString("items[0].id");
        JsonPath entry = auditor().get("/api/audit-logs/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(entry.getString("event_id")).isEqualTo(eventId);
        assertThat(entry.getString("changes.title.new")).isEqualTo("Final");
        assertThat(entry.getString("request_metadata.ip")).isNotBlank();
        assertThat(entry.getString("checksum")).matches("[0-9a-f]{64}");
        assertThat(entry.getString("prev_checksum")).matches("[0-9a-f]{64}");
        try (Connection c = db.connect();
                PreparedStatement s = c.prepareStatement("SELECT chain_id, seq, checksum FROM audit_logs WHERE id = ?::uuid")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertThat(entry.getString("chain_id")).isEqualTo(rs.getString(1));
                assertThat(entry.getLong("seq")).isEqualTo(rs.getLong(2));
                assertThat(entry.getString("checksum")).isEqualTo(rs.getString(3));
            }
        }
    }

    @Test
    void shouldAnswer404ForAnUnknownEntry() {
        auditor().get("/api/audit-logs/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
    }

    private List<String> storedSensitivities() throws Exception {
        List<String> levels = new ArrayList<>();
        try (Connection c = db.connect();
                PreparedStatement s = c.prepareStatement("SELECT sensitivity_level FROM audit_logs WHERE event_id = ?::uuid")) {
            for (TestEvent event : EVENTS) {
                s.setString(1, event.eventId().toString());
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    levels.add(rs.getString(1));
                }
            }
        }
        return levels;
    }

    static String[] ids(int... indexes) {
        String[] ids = new String[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            ids[i] = EVENTS.get(indexes[i]).eventId().toString();
        }
        return ids;
    }

    static List<String> eventIds(JsonPath page) {
        return page.getList("items.event_id");
    }

    static JsonPath list(String query) {
        return auditor().urlEncodingEnabled(false).get("/api/audit-logs?" + query).then().statusCode(200).extract()
                .jsonPath();
    }

    static RequestSpecification auditor() {
        return given().auth().oauth2(ApiTokens.forRole("auditor"));
    }
}
