package io.pjctrl.audit.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.pjctrl.audit.testsupport.TestEvent;
import io.pjctrl.audit.testsupport.TestEvents;
import io.pjctrl.testing.InjectInfra;
import io.pjctrl.testing.TestDatabase;
import io.pjctrl.testing.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

@QuarkusTest
class IngestMetricsTest {

    @InjectInfra
    KafkaCompanion kafka;

    @InjectInfra
    TestTopics topics;

    @InjectInfra
    TestDatabase database;

    @Test
    void shouldExposeIngestCountersLatencyBatchSizeAndConsumerLag() {
        TestEvents events = new TestEvents(kafka, topics, database);
        TestEvent event = TestEvent.of("task.update").partition(1);
        TestEvent poison = TestEvent.of("task.update").partition(1).rawValue("nope".getBytes(StandardCharsets.UTF_8));
        events.publish(event, poison, event);
        TestEvent after = TestEvent.of("task.update").partition(1);
        events.publishAndAwait(after);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics).contains("pjctrl_ingest_events_total", "pjctrl_ingest_duplicates_total",
                "pjctrl_ingest_dead_lettered_total{reason=\"not_json\"", "pjctrl_ingest_batch_size_count",
                "pjctrl_ingest_latency_seconds_count", "kafka_consumer_fetch_manager_records_lag");
        assertThat(value(metrics, "pjctrl_ingest_duplicates_total")).isGreaterThanOrEqualTo(1);
    }

    private static double value(String metrics, String name) {
        return metrics.lines()
                .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
