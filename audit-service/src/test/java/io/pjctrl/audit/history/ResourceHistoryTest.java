package io.pjctrl.audit.history;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
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
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** A task's life through the real ingest: create, update, delete, restore; timeline and as_of states. */
@QuarkusTest
class ResourceHistoryTest {

    static final String TASK = UUID.randomUUID().toString();
    static final UUID PROJECT = UUID.randomUUID();
    static final UUID ALICE = UUID.randomUUID();
    static final UUID BOB = UUID.randomUUID();
    static final Instant T0 = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    static final SeededEvents EVENTS = new SeededEvents(ResourceHistoryTest::events);

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
                event("task.create", "create", 1, ALICE, 0,
                        "{\"title\":{\"new\":\"Draft\"},\"status\":{\"new\":\"todo\"},\"estimate\":{\"new\":3}}"),
                event("task.update", "update", 2, BOB, 10,
                        "{\"status\":{\"old\":\"todo\",\"new\":\"done\"},\"estimate\":{\"old\":3,\"new\":null}}"),
                event("task.delete", "delete", 3, ALICE, 20,
                        "{\"title\":{\"old\":\"Draft\"},\"status\":{\"old\":\"done\"}}"),
                event("task.restore", "restore", 4, BOB, 30, "{\"title\":{\"new\":\"Draft (restored)\"}}"));
    }

    static TestEvent event(String type, String action, long version, UUID actor, int second, String changes) {
        return TestEvent.of(type).resource("task", TASK).projectId(PROJECT).action(action).aggregateVersion(version)
                .actor(actor, "member").occurredAt(T0.plusSeconds(second)).changes(changes);
    }

    @Test
    void shouldShowTheTimelineOldestFirstWithActorsAndDiffs() {
        JsonPath history = history("");
        assertThat(history.getList("items.event_type")).containsExactly("task.create", "task.update", "task.delete",
                "task.restore");
        assertThat(history.getList("items.user_id")).containsExactly(ALICE.toString(), BOB.toString(),
                ALICE.toString(), BOB.toString());
        assertThat(history.getString("items[1].changes.status.old")).isEqualTo("todo");
        assertThat(history.getString("items[1].changes.status.new")).isEqualTo("done");
        assertThat(history.getList("items.aggregate_version", Integer.class)).containsExactly(1, 2, 3, 4);
        assertThat(history.getMap("$")).doesNotContainKey("state");
    }

    @Test
    void shouldReconstructTheStateAfterAnUpdate() {
        JsonPath history = history("?as_of=" + T0.plusSeconds(15));
        assertThat(history.getList("items")).hasSize(2);
        assertThat(history.getBoolean("state.exists")).isTrue();
        assertThat(history.getBoolean("state.deleted")).isFalse();
        assertThat(history.getLong("state.version")).isEqualTo(2);
        Map<String, Object> fields = history.getMap("state.fields");
        assertThat(fields).containsEntry("title", "Draft").containsEntry("status", "done").containsEntry("estimate", null);
    }

    @Test
    void shouldKeepValuesButMarkDeletedAfterASoftDelete() {
        JsonPath history = history("?as_of=" + T0.plusSeconds(20));
        assertThat(history.getBoolean("state.deleted")).isTrue();
        assertThat(history.getLong("state.version")).isEqualTo(3);
        assertThat(history.getString("state.fields.status")).isEqualTo("done");
    }

    @Test
    void shouldFoldEveryChangeUpToTheLatest() {
        JsonPath history = history("?as_of=" + T0.plusSeconds(3600));
        assertThat(history.getBoolean("state.deleted")).isFalse();
        assertThat(history.getLong("state.version")).isEqualTo(4);
        assertThat(history.getString("state.fields.title")).isEqualTo("Draft (restored)");
        assertThat(history.getString("state.last_entry_id")).isEqualTo(history.getString("items[3].id"));
    }

    @Test
    void shouldSayTheResourceDidNotExistBeforeItsFirstEvent() {
        JsonPath history = history("?as_of=" + T0.minusSeconds(1));
        assertThat(history.getList("items")).isEmpty();
        assertThat(history.getBoolean("state.exists")).isFalse();
    }

    @Test
    void shouldAnswer404ForAResourceTheLogNeverSaw() {
        given().auth().oauth2(ApiTokens.forRole("auditor")).get("/api/resources/task/" + UUID.randomUUID() + "/history")
                .then().statusCode(404).contentType("application/problem+json");
    }

    static JsonPath history(String query) {
        return given().auth().oauth2(ApiTokens.forRole("auditor")).urlEncodingEnabled(false)
                .get("/api/resources/task/" + TASK + "/history" + query).then().statusCode(200).extract().jsonPath();
    }
}
