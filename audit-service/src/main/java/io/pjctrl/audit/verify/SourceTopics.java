package io.pjctrl.audit.verify;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.pjctrl.audit.AuditServiceConfig;
import io.pjctrl.audit.ingest.EventIngestConsumer;
import io.pjctrl.contract.event.DeadLetters;
import io.smallrye.common.annotation.Identifier;

/**
 * What verify reads from Kafka, with plain clients that join no consumer group and commit nothing: the signed notes
 * on the checkpoints topic, the dead letters' original positions, and the retained records of an events partition.
 * Every call blocks (run it on a worker thread) and is bounded by {@code pjctrl.verify.topic-timeout}.
 */
@ApplicationScoped
public class SourceTopics {

    /** The CloudEvents id header of a change event in binary mode: the event id its entry stores. */
    static final String EVENT_ID_HEADER = "ce_id";

    private final Map<String, Object> kafkaConfig;
    private final AuditServiceConfig.Topics topics;
    private final Duration timeout;
    private final String ingestGroup;

    public SourceTopics(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, AuditServiceConfig config,
            @ConfigProperty(name = "mp.messaging.incoming." + EventIngestConsumer.CHANNEL + ".group.id") String ingestGroup) {
        this.kafkaConfig = kafkaConfig;
        this.topics = config.topics();
        this.timeout = config.verify().topicTimeout();
        this.ingestGroup = ingestGroup;
    }

    /** One record of an events partition as reconciliation sees it: its offset and the event id it carries. */
    record SourceRecord(long offset, String eventId) {
    }

    /**
     * The offsets of one events partition that reconciliation can compare: from the earliest retained record to the
     * ingest's committed offset (records at or after it may not be stored yet), never beyond the end.
     */
    record Range(int partition, long earliest, long end, long committed) {

        long until() {
            return Math.min(end, committed);
        }
    }

    /** Every signed note on the checkpoints topic, by record key (the chain id), in offset order. */
    Map<String, List<String>> checkpointNotes() {
        Map<String, List<String>> notes = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            readAll(consumer, topics.checkpoints(), record -> {
                if (record.key() != null && record.value() != null) {
                    notes.computeIfAbsent(record.key(), k -> new ArrayList<>())
                            .add(new String(record.value(), StandardCharsets.UTF_8));
                }
            });
        }
        return notes;
    }

    /** {@code partition/offset} of every dead letter of the events topic. */
    Set<String> deadLetters() {
        Set<String> positions = new HashSet<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            readAll(consumer, topics.deadLetter(), record -> {
                String topic = header(record, DeadLetters.ORIGINAL_TOPIC);
                String partition = header(record, DeadLetters.ORIGINAL_PARTITION);
                String offset = header(record, DeadLetters.ORIGINAL_OFFSET);
                if (topics.events().equals(topic) && partition != null && offset != null) {
                    positions.add(partition + "/" + offset);
                }
            });
        }
        return positions;
    }

    /** The comparable range of events partition {@code partition}. */
    Range range(int partition) {
        TopicPartition tp = new TopicPartition(topics.events(), partition);
        try (KafkaConsumer<String, byte[]> consumer = consumer(); Admin admin = Admin.create(adminConfig())) {
            long earliest = consumer.beginningOffsets(List.of(tp), timeout).get(tp);
            long end = consumer.endOffsets(List.of(tp), timeout).get(tp);
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(ingestGroup)
                    .partitionsToOffsetAndMetadata()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .get(tp);
            return new Range(partition, earliest, end, committed == null ? earliest : committed.offset());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the offsets of " + tp, e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not read the ingest's committed offsets of " + tp + ": " + e, e);
        }
    }

    /**
     * The records {@code [from, until)} of events partition {@code partition}, in offset order, pulled one at a time by
     * the reconciliation as the walk's entries reach them. Close it.
     */
    RecordCursor records(int partition, long from, long until) {
        return new RecordCursor(consumer(), new TopicPartition(topics.events(), partition), from, until, timeout);
    }

    /** A pull cursor over a range of one partition; blocking, one thread. */
    static final class RecordCursor implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer;
        private final TopicPartition partition;
        private final long until;
        private final Duration timeout;
        private final java.util.ArrayDeque<SourceRecord> buffer = new java.util.ArrayDeque<>();
        private long position;

        RecordCursor(KafkaConsumer<String, byte[]> consumer, TopicPartition partition, long from, long until,
                Duration timeout) {
            this.consumer = consumer;
            this.partition = partition;
            this.until = until;
            this.timeout = timeout;
            this.position = from;
            consumer.assign(List.of(partition));
            consumer.seek(partition, from);
        }

        /** The next record before {@code until}, without consuming it; null at the end of the range. */
        SourceRecord peek() {
            while (buffer.isEmpty() && position < until) {
                var records = consumer.poll(timeout);
                for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                    if (record.offset() < until) {
                        buffer.add(new SourceRecord(record.offset(), header(record, EVENT_ID_HEADER)));
                    }
                }
                long next = consumer.position(partition, timeout);
                if (records.isEmpty() && next == position) {
                    throw new IllegalStateException("no record of " + partition + " at offset " + position
                            + " within " + timeout);
                }
                position = next;
            }
            return buffer.peek();
        }

        SourceRecord next() {
            SourceRecord record = peek();
            if (record != null) {
                buffer.poll();
            }
            return record;
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Reads every partition of {@code topic} from its beginning to the end offsets taken first. */
    private void readAll(KafkaConsumer<String, byte[]> consumer, String topic,
            java.util.function.Consumer<ConsumerRecord<String, byte[]>> sink) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, timeout));
        Instant deadline = Instant.now().plus(timeout);
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey(), timeout) < e.getValue())) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("could not read " + topic + " to its end within " + timeout);
            }
            consumer.poll(Duration.ofMillis(500)).forEach(sink);
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> config = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (ConsumerConfig.configNames().contains(key)) {
                config.put(key, value);
            }
        });
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "pjctrl-verify-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private Map<String, Object> adminConfig() {
        Map<String, Object> config = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                config.put(key, value);
            }
        });
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        return config;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
