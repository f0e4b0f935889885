package io.pjctrl.audit.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pjctrl.audit.testsupport.StoredChains;
import io.pjctrl.audit.testsupport.TestEvent;
import io.pjctrl.audit.testsupport.TestEvents;
import io.pjctrl.audit.testsupport.TopicReader;
import io.pjctrl.contract.event.DeadLetters;
import io.pjctrl.testing.InjectInfra;
import io.pjctrl.testing.TestDatabase;
import io.pjctrl.testing.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** End to end through the real broker and database: Kafka record -> validated, deduplicated, chained row. */
@QuarkusTest
class IngestTest {

    @InjectInfra
    KafkaCompanion kafka;

    @InjectInfra
    TestTopics topics;

    @InjectInfra
    TestDatabase database;

    TestEvents events;

    @BeforeEach
    void setUp() {
        events = new TestEvents(kafka, topics, database);
    }

    @Test
    void shouldStoreAnEventDeliveredThreeTimesOnceAndKeepSeqDense() throws SQLException {
        TestEvent event = TestEvent.of("task.update").partition(1);
        TestEvent before = TestEvent.of("task.create").partition(1);
        events.publishAndAwait(before, event);
        events.publish(event, event.partition(2));
        TestEvent after1 = TestEvent.of("task.update").partition(1);
        TestEvent after2 = TestEvent.of("task.update").partition(2);
        events.publishAndAwait(after1, after2);

        assertThat(countRows("event_id = '" + event.eventId() + "'")).isEqualTo(1);
        assertThat(seqOf(after1.eventId())).isEqualTo(seqOf(event.eventId()) + 1);
        assertThat(StoredChains.verifyAll(database)).isEmpty();
    }

    @Test
    void shouldDeadLetterPoisonRecordsWithReasonAndStoreTheRecordsAfterThem() {
        TestEvent first = TestEvent.of("task.create").partition(3);
        TestEvent notJson = TestEvent.of("task.update").partition(3).rawValue("{not json".getBytes(StandardCharsets.UTF_8));
        TestEvent missingField = TestEvent.of("task.update").partition(3).withoutData("actor");
        TestEvent wrongSpec = TestEvent.of("task.update").partition(3).header("ce_specversion", "0.3");
        TestEvent huge = TestEvent.of("task.update").partition(3)
                .changes("{\"description\":{\"new\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}}");
        TestEvent last = TestEvent.of("task.update").partition(3);

        events.publish(first, notJson, missingField, wrongSpec, huge, last);
        events.awaitStored(List.of(first.eventId(), last.eventId()));

        Map<String, String> expected = Map.of(notJson.eventId().toString(), "not_json", missingField.eventId().toString(),
                "invalid_data", wrongSpec.eventId().toString(), "bad_header", huge.eventId().toString(), "payload_too_large");
        List<ConsumerRecord<String, byte[]>> dead = TopicReader.awaitMatching(kafka, topics.deadLetter(),
                r -> expected.containsKey(String.valueOf(TopicReader.header(r, "ce_id"))), 4, Duration.ofSeconds(30));
        Map<String, String> reasons = new HashMap<>();
        dead.forEach(r -> reasons.put(TopicReader.header(r, "ce_id"), TopicReader.header(r, DeadLetters.REASON)));
        assertThat(reasons).isEqualTo(expected);
        assertThat(dead).allSatisfy(r -> {
            assertThat(TopicReader.header(r, DeadLetters.ORIGINAL_TOPIC)).isEqualTo(topics.events());
            assertThat(TopicReader.header(r, DeadLetters.ORIGINAL_PARTITION)).isEqualTo("3");
            assertThat(TopicReader.header(r, DeadLetters.DETAIL)).isNotBlank();
        });
        assertThat(events.countStored(List.of(notJson.eventId(), missingField.eventId(), wrongSpec.eventId(), huge.eventId())))
                .isZero();
    }

    @Test
    void shouldMapSensitivityWithTheSeedTableAndStoreUnknownTypesWithTheDefault() throws SQLException {
        TestEvent delete = TestEvent.of("task.delete");
        TestEvent permission = TestEvent.of("user.permission_change").resourceId(UUID.randomUUID().toString());
        TestEvent unknown = TestEvent.of("attachment.frobnicate");
        events.publishAndAwait(delete, permission, unknown);

        assertThat(sensitivityOf(delete.eventId())).isEqualTo("medium");
        assertThat(sensitivityOf(permission.eventId())).isEqualTo("critical");
        assertThat(sensitivityOf(unknown.eventId())).isEqualTo("low");
    }

    @Test
    void shouldStoreEveryContractFieldAndTheRecordSource() throws SQLException {
        TestEvent event = TestEvent.example("task.update").eventId(UUID.randomUUID()).header("ce_source", "/other/producer");
        events.publishAndAwait(event);

        try (Connection c = database.connect();
                PreparedStatement s = c.prepareStatement(
                        "SELECT event_type, source, resource_type, resource_id, project_id::text, user_id::text, actor_role, action,"
                                + " changes -> 'status' ->> 'new', request_metadata -> 'ip' ->> '$commit', aggregate_version, occurred_at = "
                                + " '2026-11-28T09:15:02.123456Z'::timestamptz FROM audit_logs WHERE event_id = ?")) {
            s.setObject(1, event.eventId());
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("task.update");
                assertThat(rs.getString(2)).isEqualTo("/other/producer");
                assertThat(rs.getString(3)).isEqualTo("task");
                assertThat(rs.getString(4)).isEqualTo("5d2f1a9e-8c4b-4f7e-9a0d-3b6c2e1f4a55");
                assertThat(rs.getString(5)).isEqualTo("9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d");
                assertThat(rs.getString(6)).isEqualTo("c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f");
                assertThat(rs.getString(7)).isEqualTo("member");
                assertThat(rs.getString(8)).isEqualTo("update");
                assertThat(rs.getString(9)).isEqualTo("in_progress");
                // The actor's IP is personal: stored as its commitment (docs/integrity.md §18), never in clear.
                assertThat(rs.getString(10)).matches("[A-Za-z0-9+/]{43}=");
                assertThat(rs.getLong(11)).isEqualTo(3);
                assertThat(rs.getBoolean(12)).isTrue();
            }
        }
    }

    @Test
    void shouldRecordAGapInAnAggregatesVersions() throws SQLException {
        String task = UUID.randomUUID().toString();
        TestEvent v1 = TestEvent.of("task.create").resourceId(task).aggregateVersion(1);
        TestEvent v2 = TestEvent.of("task.update").resourceId(task).aggregateVersion(2);
        TestEvent v4 = TestEvent.of("task.update").resourceId(task).aggregateVersion(4);
        events.publishAndAwait(v1, v2);
        events.publishAndAwait(v4);

        try (Connection c = database.connect();
                PreparedStatement s = c.prepareStatement(
                        "SELECT expected_version, received_version, event_id FROM audit_version_gaps WHERE resource_id = ?")) {
            s.setString(1, task);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(3);
                assertThat(rs.getLong(2)).isEqualTo(4);
                assertThat(rs.getObject(3, UUID.class)).isEqualTo(v4.eventId());
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void shouldRefuseUpdateDeleteAndTruncateOfHistoryThroughTheServiceRole() throws SQLException {
        TestEvent event = TestEvent.of("task.update");
        events.publishAndAwait(event);

        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            assertThat(c.getMetaData().getUserName()).isEqualTo("pjctrl_audit");
            assertThatThrownBy(() -> s.executeUpdate("UPDATE audit_logs SET action = 'delete' WHERE event_id = '"
                    + event.eventId() + "'")).isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM audit_logs WHERE event_id = '" + event.eventId() + "'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("TRUNCATE audit_logs CASCADE"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM audit_checkpoints"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
        assertThat(countRows("event_id = '" + event.eventId() + "' AND action = 'update'")).isEqualTo(1);
    }

    @Test
    void shouldStoreEventsOfEveryPartitionInTheirOwnDenseChain() throws SQLException {
        List<TestEvent> batch = java.util.stream.IntStream.range(0, 40)
                .mapToObj(i -> TestEvent.of("task.update").partition(i % TestTopics.EVENT_PARTITIONS))
                .toList();
        events.publishAndAwait(batch);

        Set<String> chains = batch.stream().map(e -> chainOf(e.eventId())).collect(Collectors.toSet());
        assertThat(chains).containsExactlyInAnyOrder("events-0", "events-1", "events-2", "events-3");
        assertThat(StoredChains.verifyAll(database)).isEmpty();
    }

    private long countRows(String where) throws SQLException {
        try (Connection c = database.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM audit_logs WHERE " + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private long seqOf(UUID eventId) throws SQLException {
        return Long.parseLong(column("seq", eventId));
    }

    private String sensitivityOf(UUID eventId) throws SQLException {
        return column("sensitivity_level", eventId);
    }

    private String chainOf(UUID eventId) {
        try {
            return column("chain_id", eventId);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String column(String column, UUID eventId) throws SQLException {
        try (Connection c = database.connect();
                PreparedStatement s = c.prepareStatement("SELECT " + column + "::text FROM audit_logs WHERE event_id = ?")) {
            s.setObject(1, eventId);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("event %s stored", eventId).isTrue();
                return rs.getString(1);
            }
        }
    }
}
