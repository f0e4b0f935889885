package io.pjctrl.project.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Everything on the events topic of this test run, read from the REAL broker by a background consumer that starts
 * at the beginning of every partition (no consumer group, so nothing is committed and nothing is skipped).
 */
public final class EventLog {

    private static final Map<String, EventLog> LOGS = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Event> events = new CopyOnWriteArrayList<>();

    /** One record as it arrived: key, headers, raw value, parsed data, partition and offset. */
    public record Event(String key, Map<String, String> headers, String value, JsonNode data, int partition,
            long offset) {

        public String type() {
            return headers.get("ce_type");
        }

        public String id() {
            return headers.get("ce_id");
        }
    }

    private EventLog() {
    }

    public static EventLog of(String bootstrapServers, String topic) {
        return LOGS.computeIfAbsent(topic, t -> start(bootstrapServers, t));
    }

    private static EventLog start(String bootstrapServers, String topic) {
        EventLog log = new EventLog();
        Thread reader = new Thread(() -> log.read(bootstrapServers, topic), "event-log-" + topic);
        reader.setDaemon(true);
        reader.start();
        return log;
    }

    private void read(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic, Duration.ofSeconds(60))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (true) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    events.add(toEvent(record));
                }
            }
        }
    }

    private static Event toEvent(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        try {
            return new Event(record.key(), headers, record.value(), JSON.readTree(record.value()), record.partition(),
                    record.offset());
        } catch (Exception e) {
            throw new IllegalStateException("event value is not JSON: " + record.value(), e);
        }
    }

    /** All events seen so far that match. */
    public List<Event> matching(Predicate<Event> filter) {
        return events.stream()
                .filter(filter)
                .toList();
    }

    /** Waits until exactly one event matches and returns it (a second one would be a duplicate). */
    public Event awaitOne(Predicate<Event> filter) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> !matching(filter).isEmpty());
        return matching(filter).get(0);
    }

    /** Waits until at least {@code count} events match, and returns all that match. */
    public List<Event> awaitAtLeast(Predicate<Event> filter, int count, Duration timeout) {
        Awaitility.await()
                .atMost(timeout)
                .until(() -> matching(filter).size() >= count);
        return matching(filter);
    }

    public static Predicate<Event> ofType(String type) {
        return event -> type.equals(event.type());
    }

    public static Predicate<Event> withRequestId(String requestId) {
        return event -> requestId.equals(event.data().path("request_metadata").path("request_id").asText(null));
    }

    public static Predicate<Event> forResource(String resourceId) {
        return event -> resourceId.equals(event.data().path("resource_id").asText(null));
    }
}
