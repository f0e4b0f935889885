package io.pjctrl.audit.testsupport;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;

import io.pjctrl.testing.TestDatabase;
import io.pjctrl.testing.TestTopics;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * Publishes {@link TestEvent}s to the run's events topic and waits until the ingest stored them. Use with the
 * fields that {@code @InjectInfra} fills:
 *
 * <pre>
 * &#64;InjectInfra KafkaCompanion kafka;  &#64;InjectInfra TestTopics topics;  &#64;InjectInfra TestDatabase db;
 * TestEvents events = new TestEvents(kafka, topics, db);
 * events.publishAndAwait(TestEvent.of("task.create"), TestEvent.of("task.delete"));
 * </pre>
 */
public final class TestEvents {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaCompanion kafka;
    private final TestTopics topics;
    private final TestDatabase database;

    public TestEvents(KafkaCompanion kafka, TestTopics topics, TestDatabase database) {
        this.kafka = kafka;
        this.topics = topics;
        this.database = database;
    }

    /** Sends the records in order and waits for the broker's acknowledgement of each. */
    public void publish(TestEvent... events) {
        publish(List.of(events));
    }

    public void publish(List<TestEvent> events) {
        List<ProducerRecord<String, byte[]>> records = events.stream().map(e -> e.toRecord(topics.events())).toList();
        kafka.produce(Serdes.String(), Serdes.ByteArray())
                .withProp(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024)
                .withProp(ProducerConfig.ACKS_CONFIG, "all")
                .withConcurrency(1)
                .fromRecords(records)
                .awaitCompletion(Duration.ofSeconds(60));
    }

    /** Publishes, then waits until every event id is in audit_logs. */
    public void publishAndAwait(TestEvent... events) {
        publish(events);
        awaitStored(List.of(events).stream().map(TestEvent::eventId).toList());
    }

    public void publishAndAwait(List<TestEvent> events) {
        publish(events);
        awaitStored(events.stream().map(TestEvent::eventId).toList());
    }

    public void awaitStored(Collection<UUID> eventIds) {
        awaitStored(eventIds, DEFAULT_TIMEOUT);
    }

    /** Polls audit_logs (JDBC, as the service's role) until all ids are stored; fails after {@code timeout}. */
    public void awaitStored(Collection<UUID> eventIds, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        long stored = 0;
        while (Instant.now().isBefore(deadline)) {
            stored = countStored(eventIds);
            if (stored == eventIds.size()) {
                return;
            }
            sleep(100);
        }
        throw new AssertionError("only " + stored + " of " + eventIds.size() + " events stored after " + timeout);
    }

    /** How many of these event ids are in audit_logs. */
    public long countStored(Collection<UUID> eventIds) {
        try (Connection c = database.connect();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM audit_logs WHERE event_id = ANY (?)")) {
            Array ids = c.createArrayOf("uuid", eventIds.toArray());
            s.setArray(1, ids);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
