package io.pjctrl.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import io.pjctrl.contract.event.ChangeEvent;
import io.pjctrl.contract.event.EventRecord;

/**
 * Produces realistic change events (binary-mode CloudEvents, docs/events/) straight to Kafka, as fast as the broker
 * takes them, with an idempotent acks=all producer. A share of events is sent twice, a little later and with the same
 * record, as an outbox relay retrying after a lost ack would: the consumer must store them once.
 */
final class ProduceTool {

    private ProduceTool() {
    }

    static void run(Args args) throws Exception {
        String bootstrap = args.text("bootstrap", "127.0.0.1:9092");
        String topic = args.text("topic", "pjctrl.audit-events");
        long events = args.number("events", 10_000);
        long duplicates = args.number("duplicates", events / 100);
        Instant start = Instant.parse(args.text("start", Instant.now().minus(Duration.ofHours(1)).toString()));
        EventGenerator generator = new EventGenerator(args.number("seed", 42), (int) args.number("users", 500),
                start, args.number("mean-gap-micros", 2_000));
        SplittableRandom random = new SplittableRandom(args.number("seed", 42) + 1);

        AtomicLong acked = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        ArrayDeque<Pending> redeliveries = new ArrayDeque<>();
        long sentDuplicates = 0;
        long bytes = 0;
        long began = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config(bootstrap, args))) {
            for (long i = 0; i < events; i++) {
                ChangeEvent event = generator.next();
                ProducerRecord<String, byte[]> record = record(topic, event.record());
                bytes += record.value().length;
                producer.send(record, (meta, error) -> count(acked, failure, error));
                if (sentDuplicates + redeliveries.size() < duplicates && random.nextLong(events) < duplicates) {
                    redeliveries.add(new Pending(i + 50 + random.nextInt(2_000), record));
                }
                while (!redeliveries.isEmpty() && (redeliveries.peek().due() <= i || i == events - 1)) {
                    producer.send(redeliveries.poll().record(), (meta, error) -> count(acked, failure, error));
                    sentDuplicates++;
                }
                if (failure.get() != null) {
                    throw failure.get();
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        long total = events + sentDuplicates;
        System.out.printf(
                "produced %d records (%d unique events + %d redeliveries), %.1f MB of data, in %.1f s: %.0f records/s%n",
                total, events, sentDuplicates, bytes / 1e6, seconds, total / seconds);
        System.out.printf("acked=%d unique=%d duplicates=%d%n", acked.get(), events, sentDuplicates);
        if (acked.get() != total) {
            throw new IllegalStateException("only " + acked.get() + " of " + total + " records acknowledged");
        }
    }

    static ProducerRecord<String, byte[]> record(String topic, EventRecord event) {
        RecordHeaders headers = new RecordHeaders();
        event.headers().forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(topic, null, event.key(), event.value(), headers);
    }

    private static void count(AtomicLong acked, AtomicReference<Exception> failure, Exception error) {
        if (error == null) {
            acked.incrementAndGet();
        } else {
            failure.compareAndSet(null, error);
        }
    }

    private static Properties config(String bootstrap, Args args) {
        Properties config = Kafka.bulkProducerConfig(bootstrap);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, args.text("compression", "none"));
        return config;
    }

    private record Pending(long due, ProducerRecord<String, byte[]> record) {
    }
}
