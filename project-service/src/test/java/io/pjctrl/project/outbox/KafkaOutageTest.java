package io.pjctrl.project.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.pjctrl.project.support.Api;
import io.pjctrl.project.support.Api.TestUser;
import io.pjctrl.project.support.EventLog;
import io.pjctrl.project.support.EventLog.Event;
import io.pjctrl.testing.InjectInfra;
import io.pjctrl.testing.KafkaBroker;
import io.pjctrl.testing.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** No committed change is lost while Kafka is down, none is duplicated, and per-aggregate order holds. */
@QuarkusTest
class KafkaOutageTest {

    private static final int TASKS = 10;
    private static final int WRITES = 100;
    private static final Duration OUTAGE = Duration.ofSeconds(30);

    @InjectInfra
    KafkaBroker broker;
    @InjectInfra
    TestTopics topics;

    @Test
    void shouldNotLoseEventsWhenKafkaIsDown() throws Exception {
        EventLog log = EventLog.of(broker.bootstrapServers(), topics.events());
        TestUser manager = Api.createUser("manager");
        String projectId = Api.createProject(manager, "Outage " + UUID.randomUUID());
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            tasks.add(Api.createTask(manager, projectId, "task " + i));
        }
        Set<String> taskIds = Set.copyOf(tasks);
        Predicate<Event> creates = event -> "task.create".equals(event.type())
                && taskIds.contains(event.data().path("resource_id").asText());
        log.awaitAtLeast(creates, TASKS, Duration.ofSeconds(30));

        broker.stop();
        try {
            Instant stopped = Instant.now();
            for (int i = 0; i < WRITES; i++) {
                manager.as()
                        .body(Map.of("title", "write " + i))
                        .patch("/api/tasks/" + tasks.get(i % TASKS))
                        .then()
                        .statusCode(200);
            }
            RestAssured.get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
            long left = OUTAGE.minus(Duration.between(stopped, Instant.now())).toMillis();
            if (left > 0) {
                Thread.sleep(left);
            }
            RestAssured.get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
            RestAssured.get("/q/health").then().body("checks.find { it.name == 'kafka' }.status", equalTo("DOWN"));
        } finally {
            broker.restart();
        }

        Predicate<Event> updates = event -> "task.update".equals(event.type())
                && taskIds.contains(event.data().path("resource_id").asText());
        log.awaitAtLeast(updates, WRITES, Duration.ofSeconds(180));
        Thread.sleep(3_000); // a duplicate, if the relay sent one, would arrive by now
        List<Event> events = log.matching(updates);

        assertThat(events).hasSize(WRITES);
        assertThat(events.stream().map(Event::id).distinct()).hasSize(WRITES);
        Map<String, List<Event>> byTask = events.stream().collect(Collectors.groupingBy(Event::key));
        assertThat(byTask).hasSize(TASKS);
        byTask.forEach((key, list) -> {
            List<Long> versions = list.stream()
                    .sorted(Comparator.comparingLong(Event::offset))
                    .map(event -> event.data().path("aggregate_version").asLong())
                    .toList();
            assertThat(versions).as("versions of %s in offset order", key)
                    .containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
        });
    }
}
