package io.pjctrl.audit.testsupport;

import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

import io.pjctrl.testing.TestDatabase;
import io.pjctrl.testing.TestTopics;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * The events a test class reads back: made once, published through the real ingest (Kafka -> audit_logs) before the
 * class's first test, then shared by all its tests. Call {@link #publishOnce} from a {@code @BeforeEach}: the
 * infrastructure is injected into test instances, not available to static initializers.
 */
public final class SeededEvents implements Iterable<TestEvent> {

    private final Supplier<List<TestEvent>> maker;
    private List<TestEvent> events;

    public SeededEvents(Supplier<List<TestEvent>> maker) {
        this.maker = maker;
    }

    public synchronized void publishOnce(KafkaCompanion kafka, TestTopics topics, TestDatabase database) {
        if (events == null) {
            List<TestEvent> made = List.copyOf(maker.get());
            new TestEvents(kafka, topics, database).publishAndAwait(made);
            events = made;
        }
    }

    public TestEvent get(int index) {
        return published().get(index);
    }

    public int size() {
        return published().size();
    }

    @Override
    public Iterator<TestEvent> iterator() {
        return published().iterator();
    }

    private synchronized List<TestEvent> published() {
        if (events == null) {
            throw new IllegalStateException("publishOnce has not run: call it from the test class's @BeforeEach");
        }
        return events;
    }
}
