package io.pjctrl.audit.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;

import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** Reads a topic from the beginning (fresh consumer group) until enough records match, e.g. the dead letters of a test. */
public final class TopicReader {

    private TopicReader() {
    }

    public static List<ConsumerRecord<String, byte[]>> awaitMatching(KafkaCompanion kafka, String topic,
            Predicate<ConsumerRecord<String, byte[]>> match, int count, Duration timeout) {
        try (ConsumerTask<String, byte[]> task = kafka.consume(Serdes.String(), Serdes.ByteArray())
                .withGroupId("test-reader-" + UUID.randomUUID())
                .withOffsetReset(OffsetResetStrategy.EARLIEST)
                .withProp(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024)
                .fromTopics(topic)) {
            Instant deadline = Instant.now().plus(timeout);
            List<ConsumerRecord<String, byte[]>> found = List.of();
            while (Instant.now().isBefore(deadline)) {
                found = task.getRecords().stream().filter(match).toList();
                if (found.size() >= count) {
                    return found;
                }
                sleep();
            }
            throw new AssertionError("only " + found.size() + " of " + count + " matching records on " + topic);
        }
    }

    /** The UTF-8 value of the last header {@code name}, or null. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
