package io.pjctrl.audit.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntConsumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;

import io.pjctrl.audit.AuditServiceConfig;
import io.pjctrl.contract.event.ContractViolation;
import io.pjctrl.contract.event.DeadLetters;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Sends records that fail the contract to the dead-letter topic: original key, value and headers, plus
 * {@code dlq-reason} (stable code), {@code dlq-detail} and {@code dlq-original-topic/-partition/-offset}
 * (docs/events/README.md). A batch's dead letters go to the producer all at once, in Kafka order, and the batch waits
 * until the broker acknowledged every one of them, so a dead letter is never lost between the two topics; one refused
 * send fails the batch, which is then not committed and is consumed again (its dead letters are sent again: at least
 * once). One WARN line per batch, whatever its size; each record's detail at DEBUG.
 */
@ApplicationScoped
public class DeadLetterPublisher {

    public static final String CHANNEL = "audit-dead-letter";

    /** A record that failed the contract. */
    public record Rejected(ConsumerRecord<String, byte[]> record, ContractViolation violation) {
    }

    private final KafkaClientService kafka;
    private final IngestMetrics metrics;
    private final String topic;

    /**
     * The emitter only declares the channel; its producer (mp.messaging.outgoing.audit-dead-letter.*) gets the dead
     * letters directly, a batch at a time, in one task on its sending thread. Through the emitter each record would be
     * a message of its own with its own hop to that thread, and the sink would re-send a refused one by itself, after
     * later ones had gone.
     */
    public DeadLetterPublisher(@Channel(CHANNEL) MutinyEmitter<byte[]> channel, KafkaClientService kafka,
            IngestMetrics metrics, AuditServiceConfig config) {
        this.kafka = kafka;
        this.metrics = metrics;
        this.topic = config.topics().deadLetter();
    }

    public Uni<Void> publish(List<Rejected> rejected) {
        if (rejected.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<ProducerRecord<String, byte[]>> letters = new ArrayList<>(rejected.size());
        rejected.forEach(r -> letters.add(letter(r)));
        IntConsumer counted = i -> metrics.deadLettered(rejected.get(i).violation().reason());
        Function<Producer<String, byte[]>, DeadLetterAcks> send = p -> DeadLetterAcks.send(p, letters, counted);
        Context context = Vertx.currentContext();
        Uni<Void> acknowledged = Uni.createFrom().deferred(() -> producer().runOnSendingThread(send))
                .chain(acks -> Uni.createFrom().completionStage(acks.done())
                        .onFailure().transform(e -> new IllegalStateException("Dead-lettering " + summary(rejected)
                                + " failed after " + acks.acknowledged() + " acknowledged; the batch is not committed"
                                + " and will be consumed again: " + e.getMessage(), e)))
                .invoke(() -> Log.warnf("Dead-lettered %s", summary(rejected)))
                .onFailure().invoke(e -> Log.error(e.getMessage()));
        // What follows (the batch's completion, its offset commit) runs on the consumer's Vert.x context, not on the
        // producer's I/O thread that completed the acks.
        return context == null ? acknowledged : acknowledged.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    private KafkaProducer<String, byte[]> producer() {
        KafkaProducer<String, byte[]> producer = kafka.getProducer(CHANNEL);
        if (producer == null) {
            throw new IllegalStateException("Kafka channel " + CHANNEL + " has no producer yet");
        }
        return producer;
    }

    private ProducerRecord<String, byte[]> letter(Rejected rejected) {
        ConsumerRecord<String, byte[]> record = rejected.record();
        ContractViolation violation = rejected.violation();
        if (Log.isDebugEnabled()) {
            Log.debugf("Dead-lettering %s-%d@%d: %s (%s)", record.topic(), record.partition(), record.offset(),
                    violation.reason(), violation.getMessage());
        }
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        add(headers, DeadLetters.REASON, violation.reason());
        add(headers, DeadLetters.DETAIL, truncate(violation.getMessage()));
        add(headers, DeadLetters.ORIGINAL_TOPIC, record.topic());
        add(headers, DeadLetters.ORIGINAL_PARTITION, Integer.toString(record.partition()));
        add(headers, DeadLetters.ORIGINAL_OFFSET, Long.toString(record.offset()));
        byte[] value = record.value() == null ? new byte[0] : record.value();
        return new ProducerRecord<>(topic, null, record.key(), value, headers);
    }

    /** {@code 990 records (invalid_data=495, not_json=495) of events-0@1200..1699 (498), events-3@77..569 (492)}. */
    static String summary(List<Rejected> rejected) {
        Map<String, Integer> reasons = new TreeMap<>();
        Map<String, long[]> partitions = new TreeMap<>();
        for (Rejected r : rejected) {
            reasons.merge(r.violation().reason(), 1, Integer::sum);
            long offset = r.record().offset();
            long[] range = partitions.computeIfAbsent(r.record().topic() + "-" + r.record().partition(),
                    p -> new long[]{offset, offset, 0});
            range[0] = Math.min(range[0], offset);
            range[1] = Math.max(range[1], offset);
            range[2]++;
        }
        StringBuilder text = new StringBuilder().append(rejected.size()).append(" records (");
        reasons.forEach((reason, count) -> text.append(reason).append('=').append(count).append(", "));
        text.setLength(text.length() - 2);
        text.append(") of ");
        partitions.forEach((partition, range) -> text.append(partition).append('@').append(range[0]).append("..")
                .append(range[1]).append(" (").append(range[2]).append("), "));
        text.setLength(text.length() - 2);
        return text.toString();
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
