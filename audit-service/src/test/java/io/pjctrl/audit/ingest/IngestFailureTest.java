package io.pjctrl.audit.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.pjctrl.audit.testsupport.StoredChains;
import io.pjctrl.audit.testsupport.TestEvent;
import io.pjctrl.audit.testsupport.TestEvents;
import io.pjctrl.testing.InjectInfra;
import io.pjctrl.testing.TestDatabase;
import io.pjctrl.testing.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * A batch whose transaction keeps failing (here: the database refuses one row) fails as a whole after its retries:
 * nothing of it is stored, so nothing is skipped, and the Uni the channel waits on fails, so its offsets are not
 * committed (failure-strategy=fail then stops the channel and the next consumer resumes from the committed offset).
 * Processing the same records again, as that redelivery does, stores them exactly once. The records go through the
 * ingest's own batch entry point, not the channel, so the shared application keeps consuming for the other tests.
 */
@QuarkusTest
class IngestFailureTest {

    private static final String REFUSE = "ALTER TABLE audit_logs ADD CONSTRAINT test_refuse_dbreject"
            + " CHECK (resource_type <> 'dbreject') NOT VALID";

    @InjectInfra
    KafkaCompanion kafka;

    @InjectInfra
    TestTopics topics;

    @InjectInfra
    TestDatabase database;

    @Inject
    EventIngestConsumer ingestConsumer;

    @AfterEach
    void allowAgain() throws SQLException {
        execute("ALTER TABLE audit_logs DROP CONSTRAINT IF EXISTS test_refuse_dbreject");
    }

    @Test
    void shouldFailTheWholeBatchWithoutStoringPartOfItAndStoreItOnceWhenRedelivered() throws SQLException {
        TestEvent before = TestEvent.of("task.update");
        TestEvent refused = TestEvent.of("task.update").resource("dbreject", java.util.UUID.randomUUID().toString());
        TestEvent after = TestEvent.of("task.update");
        List<ConsumerRecord<String, byte[]>> batch = List.of(before.consumed("events", 1),
                refused.consumed("events", 2), after.consumed("events", 3));
        TestEvents events = new TestEvents(kafka, topics, database);
        List<java.util.UUID> ids = List.of(before.eventId(), refused.eventId(), after.eventId());
        execute(REFUSE);

        assertThatThrownBy(() -> ingestConsumer.process(batch).await().atMost(Duration.ofSeconds(60)))
                .hasMessageContaining("test_refuse_dbreject");
        assertThat(events.countStored(ids)).isZero();

        allowAgain();
        ingestConsumer.process(batch).await().atMost(Duration.ofSeconds(60));
        ingestConsumer.process(batch).await().atMost(Duration.ofSeconds(60));

        assertThat(events.countStored(ids)).isEqualTo(3);
        assertThat(StoredChains.verifyAll(database)).isEmpty();
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
