package io.pjctrl.audit.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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

/**
 * A batch that is mostly malformed records (a producer with a bug) goes through the ingest's own batch entry point, as
 * in IngestFailureTest: every malformed record is dead-lettered once, in its partition's order, with the record
 * format of docs/events/README.md; the good records of the same batch are stored; the batch completes only once the
 * broker acknowledged every dead letter; one log line for the batch, exact metrics. A dead letter the broker refuses
 * fails the batch (not committed: the channel would stop and the next consumer resume from the committed offset), and
 * the same batch consumed again dead-letters all of it and stores its good records once. The records carry a topic
 * name of their own, so reconciliation of the real events topic ignores these dead letters.
 */
@QuarkusTest
class DeadLetterFloodTest {

    private static final int PARTITIONS = 3;
    private static final int MALFORMED_PER_PARTITION = 700;
    private static final int GOOD_EVERY = 250;

    @InjectInfra
    KafkaCompanion kafka;

    @InjectInfra
    TestTopics topics;

    @InjectInfra
    TestDatabase database;

    @Inject
    EventIngestConsumer ingestConsumer;

    @Inject
    MeterRegistry registry;

    private final String topic = "flood-" + UUID.randomUUID();

    @AfterEach
    void acceptLargeDeadLettersAgain() throws Exception {
        alterDeadLetterTopic(AlterConfigOp.OpType.DELETE, null);
    }

    @Test
    void shouldDeadLetterEveryMalformedRecordOfABatchInOrderOnceAndStoreItsGoodRecords() throws Exception {
        Flood flood = flood(topic, null);
        Map<String, Double> countersBefore = counters();
        long dlqBefore = dlqEnd();

        List<LogRecord> logged;
        try (LogCapture capture = new LogCapture(DeadLetterPublisher.class)) {
            ingestConsumer.process(flood.records()).await().atMost(Duration.ofSeconds(120));
            logged = capture.records();
        }

        // The batch completed only after every dead letter was acknowledged: all are readable at once.
        assertThat(dlqEnd() - dlqBefore).isEqualTo(flood.malformed().size());
        assertThat(new TestEvents(kafka, topics, database).countStored(flood.goodIds())).isEqualTo(flood.goodIds().size());
        List<ConsumerRecord<String, byte[]>> dead = deadLetters(dlqBefore, flood.malformed().size());
        assertThat(dead).hasSize(flood.malformed().size());
        assertSameRecordsInOrder(dead, flood.malformed());
        assertThat(increase(countersBefore)).isEqualTo(flood.reasons());
        List<String> lines = logged.stream().filter(r -> r.getLevel().intValue() >= Level.INFO.intValue())
                .map(DeadLetterFloodTest::message).filter(m -> m.contains(topic)).toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains(flood.malformed().size() + " records", topic + "-0@0..",
                "not_json=", "invalid_data=", "bad_header=");
        assertThat(StoredChains.verifyAll(database)).isEmpty();
    }

    @Test
    void shouldNotCompleteABatchWhoseDeadLetterTheBrokerRefusesAndDeadLetterAllOfItWhenConsumedAgain() throws Exception {
        // 1.5 MiB: alone in its produce batch (batch.size is 256 KiB), above the 1 MiB the topic is about to accept.
        byte[] huge = ("{\"x\":\"" + "y".repeat(1536 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        Flood flood = flood(topic, huge);
        alterDeadLetterTopic(AlterConfigOp.OpType.SET, "1048576");
        Map<String, Double> countersBefore = counters();
        long dlqBefore = dlqEnd();

        assertThatThrownBy(() -> ingestConsumer.process(flood.records()).await().atMost(Duration.ofSeconds(120)))
                .hasMessageContaining("the batch is not committed")
                .hasRootCauseInstanceOf(RecordTooLargeException.class);
        long acknowledged = dlqEnd() - dlqBefore;
        assertThat(acknowledged).isLessThan(flood.malformed().size());
        assertThat(increase(countersBefore).values().stream().mapToLong(Long::longValue).sum()).isEqualTo(acknowledged);

        alterDeadLetterTopic(AlterConfigOp.OpType.DELETE, null);
        long redeliveredFrom = dlqEnd();
        ingestConsumer.process(flood.records()).await().atMost(Duration.ofSeconds(120));

        assertThat(dlqEnd() - redeliveredFrom).isEqualTo(flood.malformed().size());
        assertSameRecordsInOrder(deadLetters(redeliveredFrom, flood.malformed().size()), flood.malformed());
        assertThat(new TestEvents(kafka, topics, database).countStored(flood.goodIds())).isEqualTo(flood.goodIds().size());
        assertThat(StoredChains.verifyAll(database)).isEmpty();
    }

    /** One malformed record of each kind, in turn, with the reason the contract gives it. */
    private static final List<Function<TestEvent, TestEvent>> KINDS = List.of(
            e -> e.rawValue("{not json".getBytes(StandardCharsets.UTF_8)),
            e -> e.rawValue("{}".getBytes(StandardCharsets.UTF_8)),
            e -> e.withoutData("actor"),
            e -> e.header("ce_specversion", "0.3"),
            e -> e.rawValue("[1,2]".getBytes(StandardCharsets.UTF_8)),
            e -> e.withoutHeader("ce_id"),
            e -> e.rawValue(new byte[]{(byte) 0xff, (byte) 0xfe, (byte) 0xfd}));
    private static final List<String> REASONS = List.of("not_json", "invalid_data", "invalid_data", "bad_header",
            "invalid_data", "bad_header", "not_json");

    /**
     * {@link #MALFORMED_PER_PARTITION} malformed records on each partition, a good one every {@link #GOOD_EVERY}, the
     * partitions interleaved; {@code huge} (if given) replaces the value of one malformed record in the middle.
     */
    private static Flood flood(String topic, byte[] huge) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        List<ConsumerRecord<String, byte[]>> malformed = new ArrayList<>();
        List<UUID> good = new ArrayList<>();
        Map<String, Long> reasons = new HashMap<>();
        long[] offsets = new long[PARTITIONS];
        for (int i = 0; i < MALFORMED_PER_PARTITION * PARTITIONS; i++) {
            int partition = i % PARTITIONS;
            if (i % GOOD_EVERY == GOOD_EVERY / 2) {
                TestEvent event = TestEvent.of("task.update");
                good.add(event.eventId());
                records.add(event.consumed(topic, partition, offsets[partition]++));
            }
            int kind = i % KINDS.size();
            TestEvent event = KINDS.get(kind).apply(TestEvent.of("task.update"));
            String reason = REASONS.get(kind);
            if (huge != null && i == MALFORMED_PER_PARTITION * PARTITIONS / 2) {
                event.rawValue(huge);
                reason = "payload_too_large";
            }
            ConsumerRecord<String, byte[]> record = event.consumed(topic, partition, offsets[partition]++);
            records.add(record);
            malformed.add(record);
            reasons.merge(reason, 1L, Long::sum);
        }
        return new Flood(records, malformed, good, reasons);
    }

    private record Flood(List<ConsumerRecord<String, byte[]>> records, List<ConsumerRecord<String, byte[]>> malformed,
            List<UUID> goodIds, Map<String, Long> reasons) {
    }

    /** Each dead letter is its malformed record: key, value, original headers in order, then the dlq-* headers. */
    private void assertSameRecordsInOrder(List<ConsumerRecord<String, byte[]>> dead,
            List<ConsumerRecord<String, byte[]>> malformed) {
        Map<Integer, List<ConsumerRecord<String, byte[]>>> expected = byPartition(malformed, r -> r.partition());
        Map<Integer, List<ConsumerRecord<String, byte[]>>> actual = byPartition(dead,
                r -> Integer.parseInt(TopicReader.header(r, DeadLetters.ORIGINAL_PARTITION)));
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((partition, records) -> {
            List<ConsumerRecord<String, byte[]>> letters = actual.get(partition);
            assertThat(letters).hasSameSizeAs(records);
            for (int i = 0; i < records.size(); i++) {
                ConsumerRecord<String, byte[]> original = records.get(i);
                ConsumerRecord<String, byte[]> letter = letters.get(i);
                assertThat(TopicReader.header(letter, DeadLetters.ORIGINAL_OFFSET))
                        .isEqualTo(Long.toString(original.offset()));
                assertThat(TopicReader.header(letter, DeadLetters.ORIGINAL_TOPIC)).isEqualTo(topic);
                assertThat(letter.key()).isEqualTo(original.key());
                assertThat(letter.value()).isEqualTo(original.value());
                assertThat(TopicReader.header(letter, DeadLetters.REASON)).isNotBlank();
                assertThat(TopicReader.header(letter, DeadLetters.DETAIL)).isNotBlank();
                List<String> originalHeaders = headerLines(original.headers());
                List<String> letterHeaders = headerLines(letter.headers());
                assertThat(letterHeaders.subList(0, originalHeaders.size())).isEqualTo(originalHeaders);
                assertThat(letterHeaders.subList(originalHeaders.size(), letterHeaders.size())
                        .stream().map(h -> h.substring(0, h.indexOf('='))))
                        .containsExactly(DeadLetters.REASON, DeadLetters.DETAIL,
                                DeadLetters.ORIGINAL_TOPIC, DeadLetters.ORIGINAL_PARTITION,
                                DeadLetters.ORIGINAL_OFFSET);
            }
        });
    }

    private static List<String> headerLines(Iterable<Header> headers) {
        List<String> lines = new ArrayList<>();
        headers.forEach(h -> lines.add(h.key() + "=" + new String(h.value(), StandardCharsets.UTF_8)));
        return lines;
    }

    private static <K> Map<K, List<ConsumerRecord<String, byte[]>>> byPartition(
            Collection<ConsumerRecord<String, byte[]>> records, Function<ConsumerRecord<String, byte[]>, K> partition) {
        Map<K, List<ConsumerRecord<String, byte[]>>> grouped = new HashMap<>();
        records.forEach(r -> grouped.computeIfAbsent(partition.apply(r), p -> new ArrayList<>()).add(r));
        return grouped;
    }

    /** This test's dead letters from DLQ offset {@code from} on, in DLQ order. */
    private List<ConsumerRecord<String, byte[]>> deadLetters(long from, int count) {
        return TopicReader.awaitMatching(kafka, topics.deadLetter(),
                r -> r.offset() >= from && topic.equals(TopicReader.header(r, DeadLetters.ORIGINAL_TOPIC)), count,
                Duration.ofSeconds(60));
    }

    private long dlqEnd() {
        return kafka.offsets().get(KafkaCompanion.tp(topics.deadLetter(), 0), OffsetSpec.latest()).offset();
    }

    private Map<String, Double> counters() {
        Map<String, Double> values = new HashMap<>();
        for (Counter counter : registry.find("pjctrl.ingest.dead.lettered").counters()) {
            values.put(counter.getId().getTag("reason"), counter.count());
        }
        return values;
    }

    private Map<String, Long> increase(Map<String, Double> before) {
        Map<String, Long> increase = new HashMap<>();
        counters().forEach((reason, value) -> {
            long delta = Math.round(value - before.getOrDefault(reason, 0.0));
            if (delta != 0) {
                increase.put(reason, delta);
            }
        });
        return increase;
    }

    /** Sets (or, with DELETE, resets) max.message.bytes of the dead-letter topic and waits until the broker has it. */
    private void alterDeadLetterTopic(AlterConfigOp.OpType op, String value)
            throws InterruptedException, ExecutionException, TimeoutException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topics.deadLetter());
        AlterConfigOp alter = new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, value), op);
        var admin = kafka.getOrCreateAdminClient();
        Map<ConfigResource, Collection<AlterConfigOp>> change = Map.of(resource, List.of(alter));
        admin.incrementalAlterConfigs(change).all().get(30, TimeUnit.SECONDS);
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            ConfigEntry entry = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource)
                    .get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            boolean applied = value == null
                    ? entry.source() != ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG
                    : value.equals(entry.value());
            if (applied) {
                // The broker answers describeConfigs from its metadata image and updates the log's config right
                // after; were the produce path still on the old limit, the test would fail, not pass.
                Thread.sleep(1_000);
                return;
            }
            assertThat(Instant.now()).as("broker applied %s=%s", TopicConfig.MAX_MESSAGE_BYTES_CONFIG, value)
                    .isBefore(deadline);
            Thread.sleep(100);
        }
    }

    /** The format and its arguments (Quarkus's {@code Log.warnf} leaves the formatting to the handler). */
    private static String message(LogRecord record) {
        return record.getMessage() + " " + Arrays.toString(record.getParameters());
    }

    /** The log records of one class's logger (Quarkus names a class's {@code Log} category after the class). */
    private static final class LogCapture extends Handler implements AutoCloseable {

        private final Logger logger;
        private final List<LogRecord> records = new ArrayList<>();

        LogCapture(Class<?> source) {
            logger = Logger.getLogger(source.getName());
            logger.addHandler(this);
        }

        synchronized List<LogRecord> records() {
            return List.copyOf(records);
        }

        @Override
        public synchronized void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }
}
