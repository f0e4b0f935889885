package io.pjctrl.audit.ingest;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.pjctrl.contract.event.ContractViolation;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Sends records that fail the contract to the dead-letter topic: original key, value and headers, plus
 * {@code dlq-reason} (stable code), {@code dlq-detail} and {@code dlq-original-topic/-partition/-offset}. The batch
 * waits for the broker's ack, so a dead letter is never lost between the two topics.
 */
@ApplicationScoped
public class DeadLetterPublisher {

    public static final String CHANNEL = "audit-dead-letter";
    public static final String REASON = "dlq-reason";
    public static final String DETAIL = "dlq-detail";
    public static final String ORIGINAL_TOPIC = "dlq-original-topic";
    public static final String ORIGINAL_PARTITION = "dlq-original-partition";
    public static final String ORIGINAL_OFFSET = "dlq-original-offset";

    /** A record that failed the contract. */
    public record Rejected(ConsumerRecord<String, byte[]> record, ContractViolation violation) {
    }

    private final MutinyEmitter<byte[]> emitter;
    private final IngestMetrics metrics;

    public DeadLetterPublisher(@Channel(CHANNEL) MutinyEmitter<byte[]> emitter, IngestMetrics metrics) {
        this.emitter = emitter;
        this.metrics = metrics;
    }

    public Uni<Void> publish(List<Rejected> rejected) {
        if (rejected.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(rejected)
                .onItem().transformToUniAndConcatenate(this::publish)
                .collect().last()
                .replaceWithVoid();
    }

    private Uni<Void> publish(Rejected rejected) {
        ConsumerRecord<String, byte[]> record = rejected.record();
        Log.warnf("Dead-lettering %s-%d@%d: %s (%s)", record.topic(), record.partition(), record.offset(),
                rejected.violation().reason(), rejected.violation().getMessage());
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        add(headers, REASON, rejected.violation().reason());
        add(headers, DETAIL, truncate(rejected.violation().getMessage()));
        add(headers, ORIGINAL_TOPIC, record.topic());
        add(headers, ORIGINAL_PARTITION, Integer.toString(record.partition()));
        add(headers, ORIGINAL_OFFSET, Long.toString(record.offset()));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key())
                .withHeaders(headers)
                .build();
        byte[] value = record.value() == null ? new byte[0] : record.value();
        return emitter.sendMessage(Message.of(value).addMetadata(metadata))
                .invoke(() -> metrics.deadLettered(rejected.violation().reason()));
    }

    private static void add(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String truncate(String detail) {
        String text = detail == null ? "" : detail;
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }
}
