package io.pjctrl.audit.query;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.pjctrl.audit.testsupport.TestEvent;
import io.pjctrl.audit.testsupport.TestEvents;
import io.pjctrl.audit.web.ApiTokens;
import io.pjctrl.testing.InjectInfra;
import io.pjctrl.testing.TestDatabase;
import io.pjctrl.testing.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * Pages through a project while new events keep being ingested (newer ones and late arrivals inside the range
 * already paged): every entry present when paging started comes exactly once, nothing repeats, order holds.
 */
@QuarkusTest
class PagingUnderConcurrentIngestTest {

    static final UUID PROJECT = UUID.randomUUID();

    @InjectInfra
    KafkaCompanion kafka;
    @InjectInfra
    TestTopics topics;
    @InjectInfra
    TestDatabase db;

    @Test
    void shouldNeitherRepeatNorSkipWhileEventsArrive() throws Exception {
        TestEvents events = new TestEvents(kafka, topics, db);
        Instant base = Instant.now().minus(1, ChronoUnit.HOURS);
        List<TestEvent> initial = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            initial.add(event(base.plusSeconds(i * 10L)));
        }
        events.publishAndAwait(initial);

        AtomicBoolean paging = new AtomicBoolean(true);
        List<UUID> concurrent = new ArrayList<>();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            int round = 0;
            while (paging.get() && round < 40) {
                List<TestEvent> batch = List.of(event(Instant.now()), event(base.plusSeconds(round * 30L + 5)),
                        event(base.plusSeconds(1195 - round * 30L)));
                events.publish(batch);
                batch.forEach(e -> concurrent.add(e.eventId()));
                round++;
            }
        });

        List<Map<String, Object>> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = given().auth().oauth2(ApiTokens.forRole("auditor")).urlEncodingEnabled(false)
                    .get("/api/audit-logs?project_id=" + PROJECT + "&limit=7" + (cursor == null ? "" : "&cursor=" + cursor))
                    .then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items"));
            cursor = page.getString("next_cursor");
            Thread.sleep(50);
        } while (cursor != null);
        paging.set(false);
        writer.get(60, TimeUnit.SECONDS);

        List<String> seenIds = seen.stream().map(item -> (String) item.get("event_id")).toList();
        assertThat(new HashSet<>(seenIds)).as("no entry twice").hasSameSizeAs(seenIds);
        assertThat(seenIds).containsAll(initial.stream().map(e -> e.eventId().toString()).toList());
        Set<String> allowed = new HashSet<>();
        initial.forEach(e -> allowed.add(e.eventId().toString()));
        concurrent.forEach(id -> allowed.add(id.toString()));
        assertThat(allowed).containsAll(seenIds);
        assertThat(concurrent).as("events really arrived while paging").isNotEmpty();
        for (int i = 1; i < seen.size(); i++) {
            Instant previous = Instant.parse((String) seen.get(i - 1).get("occurred_at"));
            Instant current = Instant.parse((String) seen.get(i).get("occurred_at"));
            assertThat(current).isBeforeOrEqualTo(previous);
        }
    }

    @Test
    void shouldRejectACursorReplayedOnOtherFilters() {
        for (int i = 0; i < 3; i++) {
            new TestEvents(kafka, topics, db).publishAndAwait(event(Instant.now().minusSeconds(i)));
        }
        String cursor = given().auth().oauth2(ApiTokens.forRole("auditor"))
                .get("/api/audit-logs?project_id=" + PROJECT + "&limit=1").then().statusCode(200).extract()
                .path("next_cursor");
        assertThat(cursor).isNotNull();
        given().auth().oauth2(ApiTokens.forRole("auditor")).urlEncodingEnabled(false)
                .get("/api/audit-logs?project_id=" + PROJECT + "&action=delete&limit=1&cursor=" + cursor)
                .then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("cursor"));
        String tampered = cursor.substring(0, 10) + (cursor.charAt(10) == 'A' ? 'B' : 'A') + cursor.substring(11);
        given().auth().oauth2(ApiTokens.forRole("auditor")).urlEncodingEnabled(false)
                .get("/api/audit-logs?project_id=" + PROJECT + "&limit=1&cursor=" + tampered)
                .then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("cursor"));
    }

    static TestEvent event(Instant occurredAt) {
        return TestEvent.of("task.create").projectId(PROJECT).aggregateVersion(1).occurredAt(occurredAt);
    }
}
