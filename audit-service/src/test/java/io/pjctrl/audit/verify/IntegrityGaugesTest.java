package io.pjctrl.audit.verify;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.pjctrl.audit.testsupport.TestEvent;
import io.pjctrl.audit.testsupport.TestEvents;
import io.pjctrl.testing.InjectInfra;
import io.pjctrl.testing.TestDatabase;
import io.pjctrl.testing.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * The integrity gauges the PrometheusRule pages on, read from /q/metrics: the scheduled whole-log verification
 * (every second here) reports a valid log as 1 and, after a row is changed behind the service's back, as 0 with its
 * failures; each chain's checkpoint age and pending entries follow its signed checkpoints.
 */
@QuarkusTest
@TestProfile(IntegrityGaugesTest.ScheduledVerificationOn.class)
class IntegrityGaugesTest {

    public static class ScheduledVerificationOn implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pjctrl.verify.scheduled-interval", "1s", "pjctrl.verify.scheduled-delay", "1s");
        }
    }

    @InjectInfra
    KafkaCompanion kafka;
    @InjectInfra
    TestTopics topics;
    @InjectInfra
    TestDatabase db;

    @Test
    void shouldReportTheLatestScheduledVerificationAndTheCheckpointAgeOfEachChain() throws Exception {
        String resource = UUID.randomUUID().toString();
        List<TestEvent> events = IntStream.rangeClosed(1, 6)
                .mapToObj(i -> TestEvent.of("task.update").partition(1).resource("task", resource).aggregateVersion(i))
                .toList();
        new TestEvents(kafka, topics, db).publishAndAwait(events);

        // The test profile checkpoints every 2 s: the chain's checkpoint covers it, nothing pending.
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = metrics();
            assertThat(value(metrics, "pjctrl_checkpoint_pending_entries{chain_id=\"events-1\"}")).isEqualTo(0.0);
            assertThat(value(metrics, "pjctrl_checkpoint_age_seconds{chain_id=\"events-1\"}")).isBetween(0.0, 30.0);
        });
        Instant beforeValid = Instant.now();
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = metrics();
            assertThat(value(metrics, "pjctrl_verify_last_valid")).isEqualTo(1.0);
            assertThat(value(metrics, "pjctrl_verify_last_run_timestamp_seconds"))
                    .isGreaterThanOrEqualTo((double) beforeValid.getEpochSecond());
            assertThat(value(metrics, "pjctrl_verify_last_entries"))
                    .isGreaterThanOrEqualTo(6.0);
        });

        ChainTamper tamper = new ChainTamper(db, "events-1");
        tamper.snapshot();
        try {
            ChainTamper.Stored target = tamper.rows().get(2);
            tamper.tampered("UPDATE audit_logs SET changes = '{\"status\":{\"old\":\"todo\",\"new\":\"approved\"}}'"
                    + " WHERE id = '" + target.id() + "'");
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                String metrics = metrics();
                assertThat(value(metrics, "pjctrl_verify_last_valid")).isEqualTo(0.0);
                assertThat(value(metrics, "pjctrl_verify_last_failures"))
                        .isGreaterThanOrEqualTo(1.0);
            });
        } finally {
            tamper.restore();
        }
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(value(metrics(), "pjctrl_verify_last_valid")).isEqualTo(1.0));
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /**
     * The sample of {@code series}: a metric name, optionally with labels ({@code name{a="b"}}) that the exposed line
     * must carry; null when no line matches.
     */
    private static Double value(String metrics, String series) {
        int brace = series.indexOf('{');
        String name = brace < 0 ? series : series.substring(0, brace);
        List<String> labels = brace < 0 ? List.of() : List.of(series.substring(brace + 1, series.length() - 1).split(","));
        return metrics.lines()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .filter(line -> labels.stream().allMatch(line::contains))
                .map(line -> Double.valueOf(line.substring(line.lastIndexOf(' ') + 1).trim()))
                .findFirst()
                .orElse(null);
    }
}
