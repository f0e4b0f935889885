package io.pjctrl.audit.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pjctrl.audit.ingest.EventIngestConsumer;
import io.pjctrl.audit.testsupport.TestEvent;
import io.pjctrl.audit.testsupport.TestEvents;
import io.pjctrl.audit.testsupport.TopicReader;
import io.pjctrl.contract.event.CloudEvents;
import io.pjctrl.contract.event.GoldenEvents;
import io.pjctrl.testing.InjectInfra;
import io.pjctrl.testing.TestDatabase;
import io.pjctrl.testing.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

@QuarkusTest
class AlertTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @InjectInfra
    KafkaCompanion kafka;

    @InjectInfra
    TestTopics topics;

    @InjectInfra
    TestDatabase database;

    @Inject
    RecordedAlerts recorded;

    @Inject
    AlertService alertService;

    @Inject
    EventIngestConsumer ingestConsumer;

    TestEvents events;

    @BeforeEach
    void setUp() {
        events = new TestEvents(kafka, topics, database);
    }

    @Test
    void shouldStorePublishAndFireAnAlertLinkedToTheEntryForAlertEventTypes() throws Exception {
        TestEvent delete = TestEvent.of("project.delete");
        events.publishAndAwait(delete);
        UUID entryId = entryId(delete.eventId());

        List<Map<String, Object>> stored = awaitAlerts("audit_log_id = '" + entryId + "'", 1);
        assertThat(stored).singleElement().satisfies(a -> {
            assertThat(a.get("rule")).isEqualTo("event_type");
            assertThat(a.get("severity")).isEqualTo("high");
        });
        UUID alertId = (UUID) stored.get(0).get("id");
        ConsumerRecord<String, byte[]> published = TopicReader.awaitMatching(kafka, topics.alerts(),
                r -> alertId.toString().equals(r.key()), 1, Duration.ofSeconds(20)).get(0);
        JsonNode json = MAPPER.readTree(published.value());
        assertThat(json.get("audit_log_id").asText()).isEqualTo(entryId.toString());
        assertThat(json.get("rule").asText()).isEqualTo("event_type");
        assertThat(recorded.seen()).anySatisfy(a -> {
            assertThat(a.id()).isEqualTo(alertId);
            assertThat(a.auditLogId()).isEqualTo(entryId);
        });
    }

    @Test
    void shouldPublishEachAlertAsABinaryModeCloudEventValidAgainstTheAlertSchema() throws Exception {
        TestEvent delete = TestEvent.of("project.delete");
        events.publishAndAwait(delete);
        UUID entryId = entryId(delete.eventId());
        Map<String, Object> stored = awaitAlerts("audit_log_id = '" + entryId + "'", 1).get(0);
        String alertId = stored.get("id").toString();

        ConsumerRecord<String, byte[]> published = TopicReader.awaitMatching(kafka, topics.alerts(),
                r -> alertId.equals(r.key()), 1, Duration.ofSeconds(20)).get(0);

        JsonNode data = MAPPER.readTree(published.value());
        assertThat(GoldenEvents.alertSchema().validate(data)).isEmpty();
        assertThat(TopicReader.header(published, CloudEvents.SPECVERSION_HEADER)).isEqualTo("1.0");
        assertThat(TopicReader.header(published, CloudEvents.ID_HEADER)).isEqualTo(alertId);
        assertThat(TopicReader.header(published, CloudEvents.SOURCE_HEADER)).isEqualTo("/pjctrl/audit-service");
        assertThat(TopicReader.header(published, CloudEvents.TYPE_HEADER)).isEqualTo("io.pjctrl.audit.alert.raised.v1");
        assertThat(TopicReader.header(published, CloudEvents.SUBJECT_HEADER)).isEqualTo("audit_log/" + entryId);
        assertThat(TopicReader.header(published, CloudEvents.TIME_HEADER)).isEqualTo(data.get("created_at").asText());
        assertThat(TopicReader.header(published, CloudEvents.DATASCHEMA_HEADER))
                .isEqualTo("urn:pjctrl:schema:audit-alert:v1");
        assertThat(TopicReader.header(published, CloudEvents.CONTENT_TYPE_HEADER)).isEqualTo("application/json");
        assertThat(data.get("id").asText()).isEqualTo(alertId);
        assertThat(data.get("severity").asText()).isEqualTo(stored.get("severity"));
        assertThat(data.get("message").asText()).isEqualTo(stored.get("message"));
    }

    @Test
    void shouldAlertOnAnyEventAtOrAboveTheConfiguredSensitivity() throws Exception {
        TestEvent purge = TestEvent.of("attachment.purge");
        TestEvent upload = TestEvent.of("attachment.upload");
        events.publishAndAwait(purge, upload);

        assertThat(awaitAlerts("audit_log_id = '" + entryId(purge.eventId()) + "'", 1))
                .singleElement().satisfies(a -> {
                    assertThat(a.get("rule")).isEqualTo("sensitivity");
                    assertThat(a.get("severity")).isEqualTo("critical");
                });
        assertThat(alerts("audit_log_id = '" + entryId(upload.eventId()) + "'")).isEmpty();
    }

    @Test
    void shouldRaiseOneRateAlertWhenOneUserDeletesTooManyTasks() throws Exception {
        UUID user = UUID.randomUUID();
        List<TestEvent> deletes = IntStream.range(0, 12)
                .mapToObj(i -> TestEvent.of("task.delete").actor(user, "member"))
                .toList();
        events.publishAndAwait(deletes);

        assertThat(awaitAlerts("rule = 'rate:mass-delete' AND message LIKE '%" + user + "%'", 1)).hasSize(1);
        Thread.sleep(500);
        assertThat(alerts("rule = 'rate:mass-delete' AND message LIKE '%" + user + "%'")).hasSize(1);
    }

    @Test
    void shouldCountFailedLoginsWithoutUserByRequestIp() throws Exception {
        String ip = "198.51.100." + (1 + (int) (Math.random() * 250));
        List<TestEvent> failures = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            failures.add(TestEvent.of("user.login_failed").ip(ip).occurredAt(Instant.now()));
        }
        events.publishAndAwait(failures);

        assertThat(awaitAlerts("rule = 'rate:login-failures' AND message LIKE '% " + ip + " %'", 1)).hasSize(1);
    }

    @Test
    void shouldRaiseTheRateAlertOnceWhenTwoConcurrentBatchesEachHoldPartOfTheBurst() throws Exception {
        // 3 + 2 failed logins from one IP (threshold 5) stored by two transactions at once, on two chains, as two
        // consumers (or replicas) do. Each alone stays below the threshold; only if the second counts the first's rows
        // is the burst seen. The test holds the rate-window lock so both are in flight together, and checks that
        // neither commits while it is held: the count waits for the other transaction.
        String ip = "203.0.113." + (1 + (int) (Math.random() * 250));
        List<TestEvent> first = IntStream.range(0, 3).mapToObj(i -> failedLogin(ip)).toList();
        List<TestEvent> second = IntStream.range(0, 2).mapToObj(i -> failedLogin(ip)).toList();
        List<UUID> ids = java.util.stream.Stream.concat(first.stream(), second.stream()).map(TestEvent::eventId).toList();
        CompletableFuture<Void> a;
        CompletableFuture<Void> b;
        try (Connection lock = database.connect(); Statement sql = lock.createStatement()) {
            sql.execute("SELECT pg_advisory_lock(hashtext('pjctrl.ingest.rate-alerts'))");
            a = ingestConsumer.process(records(first, 1)).subscribeAsCompletionStage();
            b = ingestConsumer.process(records(second, 2)).subscribeAsCompletionStage();
            Thread.sleep(1_000);
            assertThat(events.countStored(ids)).as("stored while the rate window is locked").isZero();
            sql.execute("SELECT pg_advisory_unlock(hashtext('pjctrl.ingest.rate-alerts'))");
        }
        a.get(30, TimeUnit.SECONDS);
        b.get(30, TimeUnit.SECONDS);

        assertThat(events.countStored(ids)).isEqualTo(5);
        assertThat(alerts("rule = 'rate:login-failures' AND message LIKE '% " + ip + " %'")).hasSize(1);
    }

    private static TestEvent failedLogin(String ip) {
        return TestEvent.of("user.login_failed").ip(ip).occurredAt(Instant.now());
    }

    private static List<ConsumerRecord<String, byte[]>> records(List<TestEvent> events, int partition) {
        return events.stream().map(e -> {
            ProducerRecord<String, byte[]> produced = e.toRecord("events");
            return new ConsumerRecord<>("events", partition, 0L, 0L, TimestampType.CREATE_TIME, 0, 0, produced.key(),
                    produced.value(), produced.headers(), Optional.empty());
        }).toList();
    }

    @Test
    void shouldRaiseAnIntegrityAlertNotTiedToAnyEntry() throws Exception {
        AlertRaised raised = alertService.integrityVerificationFailed("chain events-0 seq 7: checksum mismatch")
                .await().atMost(Duration.ofSeconds(10));

        assertThat(alerts("id = '" + raised.id() + "'")).singleElement().satisfies(a -> {
            assertThat(a.get("audit_log_id")).isNull();
            assertThat(a.get("rule")).isEqualTo("integrity_verification_failed");
            assertThat(a.get("severity")).isEqualTo("critical");
        });
        assertThat(recorded.seen()).contains(raised);
    }

    private List<Map<String, Object>> awaitAlerts(String where, int count) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        List<Map<String, Object>> found = alerts(where);
        while (found.size() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            found = alerts(where);
        }
        return found;
    }

    private List<Map<String, Object>> alerts(String where) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = database.connect();
                PreparedStatement s = c
                        .prepareStatement("SELECT id, audit_log_id, rule, severity, message FROM audit_alerts WHERE "
                                + where);
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                java.util.HashMap<String, Object> row = new java.util.HashMap<>();
                row.put("id", rs.getObject("id", UUID.class));
                row.put("audit_log_id", rs.getObject("audit_log_id", UUID.class));
                row.put("rule", rs.getString("rule"));
                row.put("severity", rs.getString("severity"));
                row.put("message", rs.getString("message"));
                rows.add(row);
            }
        }
        return rows;
    }

    private UUID entryId(UUID eventId) throws SQLException {
        try (Connection c = database.connect();
                PreparedStatement s = c.prepareStatement("SELECT id FROM audit_logs WHERE event_id = ?")) {
            s.setObject(1, eventId);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getObject(1, UUID.class);
            }
        }
    }
}
