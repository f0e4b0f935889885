package io.pjctrl.audit.ocsf;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pjctrl.audit.testsupport.TestEvent;
import io.pjctrl.audit.testsupport.TestEvents;
import io.pjctrl.audit.testsupport.TopicReader;
import io.pjctrl.contract.ocsf.OcsfSchema;
import io.pjctrl.testing.InjectInfra;
import io.pjctrl.testing.TestDatabase;
import io.pjctrl.testing.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * With {@code pjctrl.ocsf.topic.enabled=true} the ingest publishes the OCSF record of every stored entry, and the
 * Detection Finding of every alert, to the OCSF topic: read back with a real Kafka consumer.
 */
@QuarkusTest
@TestProfile(OcsfTopicTest.TopicEnabled.class)
class OcsfTopicTest {

    public static class TopicEnabled implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pjctrl.ocsf.topic.enabled", "true");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OcsfSchema SCHEMA = OcsfSchema.vendored();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @InjectInfra
    KafkaCompanion kafka;
    @InjectInfra
    TestTopics topics;
    @InjectInfra
    TestDatabase database;

    @Test
    void shouldPublishTheOcsfRecordOfEveryStoredEntryInChainOrder() throws Exception {
        String task = UUID.randomUUID().toString();
        List<TestEvent> events = new ArrayList<>();
        for (int version = 1; version <= 5; version++) {
            events.add(TestEvent.of(version == 1 ? "task.create" : "task.update").resource("task", task)
                    .aggregateVersion(version));
        }
        events.add(TestEvent.of("user.login"));
        events.add(TestEvent.of("user.login_failed"));
        new TestEvents(kafka, topics, database).publishAndAwait(events);
        Set<String> eventIds = events.stream().map(e -> e.eventId().toString()).collect(Collectors.toSet());

        List<ConsumerRecord<String, byte[]>> published = TopicReader.awaitMatching(kafka, topics.ocsf(),
                r -> eventIds.contains(json(r).at("/metadata/correlation_uid").asText()), events.size(), TIMEOUT);

        assertThat(published).hasSize(events.size()).allSatisfy(r -> {
            JsonNode record = json(r);
            assertThat(SCHEMA.violations(record)).as(record.toString()).isEmpty();
            assertThat(r.key()).isEqualTo(record.at("/metadata/log_name").asText());
        });
        assertThat(published.stream().map(r -> json(r).get("class_uid").intValue()))
                .containsOnly(3004, 3002).filteredOn(c -> c == 3002).hasSize(2);
        List<ConsumerRecord<String, byte[]>> taskRecords = published.stream()
                .filter(r -> task.equals(json(r).at("/unmapped/pjctrl/resource_id").asText()))
                .sorted(Comparator.comparingLong(ConsumerRecord::offset))
                .toList();
        assertThat(taskRecords.stream().map(r -> json(r).at("/metadata/sequence").longValue()).toList())
                .hasSize(5).isSorted().doesNotHaveDuplicates();
        assertThat(taskRecords.stream().map(r -> json(r).at("/unmapped/pjctrl/aggregate_version").longValue()).toList())
                .containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void shouldPublishADetectionFindingForEveryAlert() throws Exception {
        TestEvent delete = TestEvent.of("project.delete");
        new TestEvents(kafka, topics, database).publishAndAwait(delete);

        ConsumerRecord<String, byte[]> entry = TopicReader.awaitMatching(kafka, topics.ocsf(),
                r -> delete.eventId().toString().equals(json(r).at("/metadata/correlation_uid").asText()), 1, TIMEOUT)
                .get(0);
        String entryId = json(entry).at("/metadata/uid").asText();
        ConsumerRecord<String, byte[]> finding = TopicReader.awaitMatching(kafka, topics.ocsf(),
                r -> entryId.equals(json(r).at("/unmapped/pjctrl/audit_log_id").asText())
                        && json(r).get("class_uid").intValue() == 2004,
                1, TIMEOUT).get(0);

        JsonNode record = json(finding);
        assertThat(SCHEMA.violations(record)).as(record.toString()).isEmpty();
        assertThat(record.get("type_uid").longValue()).isEqualTo(200401);
        assertThat(record.at("/finding_info/types/0").asText()).isEqualTo("event_type");
        assertThat(finding.key()).isEqualTo("alert:" + record.at("/finding_info/uid").asText());
    }

    private static JsonNode json(ConsumerRecord<String, byte[]> record) {
        try {
            return JSON.readTree(record.value());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
