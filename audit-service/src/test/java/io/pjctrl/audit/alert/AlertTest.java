package io.pjctrl.audit.alert;

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
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pjctrl.audit.testsupport.TestEvent;
import io.pjctrl.audit.testsupport.TestEvents;
import io.pjctrl.audit.testsupport.TopicReader;
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
