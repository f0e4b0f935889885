package io.pjctrl.project.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.pjctrl.contract.event.EventRecord;

/**
 * Sends outbox rows as CloudEvents 1.0 in Kafka binary mode (ce_* headers, JSON data: the contract's
 * {@link EventRecord}; plus the stored W3C {@code traceparent}/{@code tracestate} of the request that made the change)
 * with an idempotent producer
 * and {@code acks=all}: the producer's retries never duplicate or reorder a partition's records, so a broker
 * outage shorter than the delivery timeout is bridged without the relay noticing more than a slow ack.
 */
public final class EventPublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final String source;

    public EventPublisher(Map<String, Object> kafkaConfig, String topic, String source, Duration deliveryTimeout,
            String clientId) {
        this.producer = new KafkaProducer<>(producerConfig(kafkaConfig, deliveryTimeout, clientId),
                new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
        this.source = source;
    }

    static Map<String, Object> producerConfig(Map<String, Object> kafkaConfig, Duration deliveryTimeout,
            String clientId) {
        Map<String, Object> config = new HashMap<>();
        // The connector's map holds every kafka.* key; hand the producer only what it understands.
        kafkaConfig.forEach((key, value) -> {
            if (ProducerConfig.configNames().contains(key)) {
                config.put(key, value);
            }
        });
        int delivery = (int) deliveryTimeout.toMillis();
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, delivery);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(30_000, delivery - 10));
        // While the broker is away (or just back, electing leaders) send() waits for topic metadata; waiting as
        // long as a delivery may take keeps a short outage from failing the batch.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, delivery);
        return config;
    }

    /**
     * Hands the events to the producer in order and returns one future per event, completed when the broker
     * acknowledged it. Once one hand-over fails (metadata timeout, closed producer) the rest of the batch is not
     * sent at all, so nothing overtakes the failed event. May block (metadata, full buffer): call it on a worker
     * thread.
     */
    public List<CompletableFuture<Void>> send(List<PendingEvent> events) {
        List<CompletableFuture<Void>> acks = new ArrayList<>(events.size());
        RuntimeException failure = null;
        for (PendingEvent event : events) {
            if (failure != null) {
                acks.add(CompletableFuture.failedFuture(failure));
                continue;
            }
            CompletableFuture<Void> acked = new CompletableFuture<>();
            try {
                producer.send(record(event), (metadata, error) -> complete(acked, error));
            } catch (RuntimeException e) {
                failure = e;
                acked.completeExceptionally(e);
            }
            acks.add(acked);
        }
        return acks;
    }

    private static void complete(CompletableFuture<Void> acked, Exception error) {
        if (error == null) {
            acked.complete(null);
        } else {
            acked.completeExceptionally(error);
        }
    }

    ProducerRecord<String, byte[]> record(PendingEvent event) {
        EventRecord record = EventRecord.binary(event.id(), source, event.type(), event.aggregateType(),
                event.aggregateId(), event.occurredAt(), event.payload().getBytes(StandardCharsets.UTF_8))
                .withTraceContext(event.traceparent(), event.tracestate());
        RecordHeaders headers = new RecordHeaders();
        record.headers().forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(topic, null, record.key(), record.value(), headers);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
