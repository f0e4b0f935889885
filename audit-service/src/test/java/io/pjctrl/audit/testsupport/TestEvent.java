package io.pjctrl.audit.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pjctrl.contract.event.CloudEvents;
import io.pjctrl.contract.event.GoldenEvents;

/**
 * One CloudEvents Kafka record (binary mode: ce_* headers, key, JSON data) as project-service emits it, valid by
 * default and built from the contract's golden examples (events/examples in pjctrl-contract's test jar). Every part can be overridden, so tests can
 * make exactly the event (or the poison record) they need:
 *
 * <pre>
 * TestEvent.of("task.update").resourceId(taskId).aggregateVersion(4).actor(userId, "member")
 * TestEvent.of("user.login_failed").ip("203.0.113.9")
 * TestEvent.of("task.delete").withoutData("action")            // fails the contract
 * TestEvent.of("task.create").rawValue("not json".getBytes())  // not JSON at all
 * </pre>
 *
 * Each {@link #of} call makes a fresh event id (header ce_id = data.event_id), resource id (aggregate_version 1) and
 * occurred_at = now.
 */
public final class TestEvent {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Map<String, String> headers = new LinkedHashMap<>();
    private final ObjectNode data;
    private String key;
    private Integer partition;
    private byte[] rawValue;

    private TestEvent(JsonNode example) {
        example.get("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
        data = (ObjectNode) example.get("data").deepCopy();
        key = example.get("key").asText();
    }

    /**
     * A valid event of {@code type}: built on the golden example of its resource type (project / task / user),
     * with the type, action and fresh ids set consistently.
     */
    public static TestEvent of(String type) {
        String resourceType = type.substring(0, type.indexOf('.'));
        String example = switch (resourceType) {
            case "project" -> "project.create";
            case "user" -> "user.login_failed";
            default -> "task.update";
        };
        TestEvent event = new TestEvent(load(example));
        event.type(type).eventId(UUID.randomUUID()).occurredAt(Instant.now());
        if (!"user".equals(resourceType)) {
            // A fresh resource: version 1 is what the ingest expects, so default events record no version gap.
            event.resource(resourceType, UUID.randomUUID().toString()).aggregateVersion(1);
        }
        return event.action(defaultAction(type));
    }

    /** A golden example exactly as in the contract's events/examples/{name}.json. */
    public static TestEvent example(String name) {
        return new TestEvent(load(name));
    }

    public UUID eventId() {
        return UUID.fromString(data.get("event_id").asText());
    }

    public String type() {
        return data.get("event_type").asText();
    }

    public String key() {
        return key;
    }

    public ObjectNode data() {
        return data;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public TestEvent eventId(UUID id) {
        headers.put("ce_id", id.toString());
        data.put("event_id", id.toString());
        return this;
    }

    public TestEvent type(String type) {
        headers.put("ce_type", type);
        data.put("event_type", type);
        return this;
    }

    public TestEvent action(String action) {
        data.put("action", action);
        return this;
    }

    /** Sets resource type and id, the record key and ce_subject consistently. */
    public TestEvent resource(String resourceType, String resourceId) {
        data.put("resource_type", resourceType);
        data.put("resource_id", resourceId);
        key = CloudEvents.key(resourceType, resourceId);
        headers.put(CloudEvents.SUBJECT_HEADER, CloudEvents.subject(resourceType, resourceId));
        return this;
    }

    public TestEvent resourceId(String resourceId) {
        return resource(data.get("resource_type").asText(), resourceId);
    }

    public TestEvent projectId(UUID projectId) {
        data.put("project_id", projectId == null ? null : projectId.toString());
        return this;
    }

    public TestEvent actor(UUID userId, String role) {
        ObjectNode actor = data.putObject("actor");
        actor.put("user_id", userId == null ? null : userId.toString());
        actor.put("role", role);
        return this;
    }

    public TestEvent aggregateVersion(long version) {
        data.put("aggregate_version", version);
        return this;
    }

    /** Sets data.occurred_at and ce_time; microsecond precision like project-service. */
    public TestEvent occurredAt(Instant at) {
        String text = at.truncatedTo(ChronoUnit.MICROS).toString();
        data.put("occurred_at", text);
        headers.put("ce_time", text);
        return this;
    }

    public TestEvent ip(String ip) {
        ((ObjectNode) data.get("request_metadata")).put("ip", ip);
        return this;
    }

    public TestEvent changes(String json) {
        try {
            data.set("changes", MAPPER.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Sets any data property (also unknown ones, to break the contract). */
    public TestEvent data(String field, JsonNode value) {
        data.set(field, value);
        return this;
    }

    public TestEvent withoutData(String field) {
        data.remove(field);
        return this;
    }

    public TestEvent header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public TestEvent withoutHeader(String name) {
        headers.remove(name);
        return this;
    }

    public TestEvent key(String key) {
        this.key = key;
        return this;
    }

    /** Sends to this partition instead of the key's. */
    public TestEvent partition(int partition) {
        this.partition = partition;
        return this;
    }

    /** Replaces the JSON data by these bytes (poison records). */
    public TestEvent rawValue(byte[] value) {
        this.rawValue = value;
        return this;
    }

    public byte[] value() {
        if (rawValue != null) {
            return rawValue;
        }
        try {
            return MAPPER.writeValueAsBytes(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The record as a consumer reads it at {@code offset} of partition 0 (for calling the ingest directly). */
    public ConsumerRecord<String, byte[]> consumed(String topic, long offset) {
        return consumed(topic, 0, offset);
    }

    /** The record as a consumer reads it at {@code offset} of {@code partition}. */
    public ConsumerRecord<String, byte[]> consumed(String topic, int partition, long offset) {
        ProducerRecord<String, byte[]> produced = toRecord(topic);
        return new ConsumerRecord<>(topic, partition, offset, 0L, TimestampType.CREATE_TIME, 0, 0, produced.key(),
                produced.value(), produced.headers(), Optional.empty());
    }

    public ProducerRecord<String, byte[]> toRecord(String topic) {
        RecordHeaders recordHeaders = new RecordHeaders();
        headers.forEach((name, value) -> recordHeaders.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(topic, partition, key, value(), recordHeaders);
    }

    private static String defaultAction(String type) {
        return switch (type.substring(type.indexOf('.') + 1)) {
            case "create", "upload" -> "create";
            case "delete" -> "delete";
            case "restore" -> "restore";
            case "login", "login_failed" -> "login";
            case "logout" -> "logout";
            default -> "update";
        };
    }

    private static JsonNode load(String name) {
        return GoldenEvents.example(name);
    }
}
