package io.pjctrl.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.pjctrl.contract.event.CloudEvents;
import io.pjctrl.contract.event.DeadLetters;
import io.pjctrl.contract.event.EventRecord;

/**
 * A producer with a bug, while audit-service runs: floods the events topic with malformed records (seven kinds, from
 * unparsable bytes to valid JSON whose ce_type contradicts its data, so some need the whole validation) with one good
 * event after every {@code --good-every}, spread over the partitions by key. Measures how fast the dead letters come
 * out (the dead-letter topic's end offset, sampled every 50 ms) and how long each good event took from its send to
 * its {@code recorded_at}. Then checks that the dead-letter topic gained exactly one record per malformed one, in
 * each partition's order, and that every good event is stored once.
 */
final class PoisonTool {

    private static final String[] REASONS = {"not_json", "invalid_data", "invalid_data", "bad_header", "invalid_data",
            "not_json", "bad_header"};

    private PoisonTool() {
    }

    static void run(Args args) throws Exception {
        String bootstrap = args.text("bootstrap", "127.0.0.1:19092");
        String topic = args.text("topic", "pjctrl.audit-events");
        String dlq = args.text("dlq", "pjctrl.audit-events.dlq");
        long malformed = args.number("malformed", 100_000);
        long goodEvery = args.number("good-every", 100);
        double rate = args.decimal("rate", 0);
        long timeoutMs = args.number("timeout-s", 600) * 1_000;
        Instant start = Instant.now().minus(Duration.ofHours(1));
        EventGenerator good = new EventGenerator(args.number("seed", 42), 50, start, 1_000);
        EventGenerator templates = new EventGenerator(args.number("seed", 42) + 1, 50, start, 1_000);

        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Kafka.bulkProducerConfig(bootstrap));
                KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig(bootstrap));
                Connection db = Db.connect(args)) {
            List<TopicPartition> dlqPartitions = consumer.partitionsFor(dlq).stream()
                    .map(p -> new TopicPartition(dlq, p.partition())).toList();
            consumer.assign(dlqPartitions);
            long warmup = args.number("warmup", 2_000);
            System.out.printf("warm-up: %d malformed records and %d good events%n", warmup, warmup / goodEvery);
            long beforeWarmup = end(consumer, dlqPartitions);
            Flood warm = produce(producer, topic, good, templates, warmup, goodEvery, 0);
            awaitDeadLetters(consumer, dlqPartitions, beforeWarmup, warm, timeoutMs);
            awaitStored(db, warm.goodSentAt().keySet(), timeoutMs);

            long from = end(consumer, dlqPartitions);
            long began = System.currentTimeMillis();
            // Sampled while the flood is still being produced (its own consumer: KafkaConsumer is single-threaded).
            long[] firstDeadLetter = {0};
            Thread sampler = new Thread(() -> firstDeadLetter[0] = awaitFirst(bootstrap, dlqPartitions, from, timeoutMs));
            sampler.start();
            Flood flood = produce(producer, topic, good, templates, malformed, goodEvery, rate);
            long produced = System.currentTimeMillis();
            System.out.printf("produced %d malformed records and %d good events in %.2f s (%.0f records/s)%n", malformed,
                    flood.goodSentAt().size(), (produced - began) / 1e3,
                    (malformed + flood.goodSentAt().size()) * 1e3 / Math.max(1, produced - began));
            long[] times = awaitDeadLetters(consumer, dlqPartitions, from, flood, timeoutMs);
            sampler.join();
            times[0] = firstDeadLetter[0];
            awaitStored(db, flood.goodSentAt().keySet(), timeoutMs);
            Thread.sleep(1_000); // a dead letter or an entry written twice shows up in the checks below
            report(consumer, dlqPartitions, db, from, began, times, flood, topic);
        }
    }

    private record Flood(long deadLetters, Map<UUID, Long> goodSentAt) {
    }

    private static Flood produce(KafkaProducer<String, byte[]> producer, String topic, EventGenerator good,
            EventGenerator templates, long malformed, long goodEvery, double rate) throws Exception {
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicLong acked = new AtomicLong();
        Map<UUID, Long> goodSentAt = new LinkedHashMap<>();
        long total = malformed + malformed / goodEvery;
        long start = System.nanoTime();
        long sent = 0;
        long bad = 0;
        for (long i = 0; i < total; i++) {
            if (rate > 0) {
                LockSupport.parkNanos(start + (long) (i * 1e9 / rate) - System.nanoTime());
            }
            ProducerRecord<String, byte[]> record;
            if ((i + 1) % (goodEvery + 1) == 0) {
                EventRecord event = good.next().record();
                long now = System.currentTimeMillis();
                record = record(topic, now, event.key(), event.headers(), event.value());
                goodSentAt.put(UUID.fromString(event.header(CloudEvents.ID_HEADER)), now);
            } else {
                record = malformed(topic, templates.next().record(), bad++);
            }
            producer.send(record, (meta, error) -> {
                if (error == null) {
                    acked.incrementAndGet();
                } else {
                    failure.compareAndSet(null, error);
                }
            });
            sent++;
            if (failure.get() != null) {
                throw failure.get();
            }
        }
        producer.flush();
        if (failure.get() != null || acked.get() != sent) {
            throw new IllegalStateException("only " + acked.get() + " of " + sent + " records acknowledged", failure.get());
        }
        return new Flood(bad, goodSentAt);
    }

    /** Malformed record {@code n}: kind {@code n % 7} (REASONS says what the contract makes of it), key "poison:n". */
    private static ProducerRecord<String, byte[]> malformed(String topic, EventRecord template, long n) {
        Map<String, String> headers = new LinkedHashMap<>(template.headers());
        byte[] value = template.value();
        String json = new String(value, StandardCharsets.UTF_8);
        switch ((int) (n % REASONS.length)) {
            case 0 -> value = ("{not json " + n).getBytes(StandardCharsets.UTF_8);
            case 1 -> value = "{}".getBytes(StandardCharsets.UTF_8);
            case 2 -> value = renamed(json, "\"actor\":", "\"actr\":").getBytes(StandardCharsets.UTF_8);
            case 3 -> headers.put(CloudEvents.SPECVERSION_HEADER, "0.3");
            case 4 -> value = ("[" + json + "]").getBytes(StandardCharsets.UTF_8);
            case 5 -> value = new byte[]{(byte) 0xff, (byte) 0xfe, (byte) (n & 0x7f)};
            default -> headers.put(CloudEvents.TYPE_HEADER, "task.frobnicate");
        }
        return record(topic, System.currentTimeMillis(), "poison:" + n, headers, value);
    }

    /** {@code json} with a property renamed (unknown to the contract, and the real one missing). */
    private static String renamed(String json, String from, String to) {
        if (!json.contains(from)) {
            throw new IllegalStateException("generated event without " + from + ": " + json);
        }
        return json.replace(from, to);
    }

    private static ProducerRecord<String, byte[]> record(String topic, long timestamp, String key,
            Map<String, String> headers, byte[] value) {
        RecordHeaders recordHeaders = new RecordHeaders();
        headers.forEach((name, text) -> recordHeaders.add(name, text.getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(topic, null, timestamp, key, value, recordHeaders);
    }

    /** Samples the dead-letter topic until it holds {@code from + flood.deadLetters()}: times of first and last growth. */
    private static long[] awaitDeadLetters(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions,
            long from, Flood flood, long timeoutMs) throws InterruptedException {
        long target = from + flood.deadLetters();
        long deadline = System.currentTimeMillis() + timeoutMs;
        long first = 0;
        long lastReport = System.currentTimeMillis();
        long end = from;
        while (end < target) {
            long now = System.currentTimeMillis();
            if (now > deadline) {
                System.out.printf("TIMEOUT: %d of %d dead letters after %d s%n", end - from, flood.deadLetters(),
                        timeoutMs / 1_000);
                System.exit(1);
            }
            if (now - lastReport >= 5_000) {
                System.out.printf("  %d of %d dead letters%n", end - from, flood.deadLetters());
                lastReport = now;
            }
            Thread.sleep(50);
            end = end(consumer, partitions);
            if (end > from && first == 0) {
                first = System.currentTimeMillis();
            }
        }
        return new long[]{first, System.currentTimeMillis()};
    }

    /** When the dead-letter topic first grew past {@code from} (sampled every 10 ms). */
    private static long awaitFirst(String bootstrap, List<TopicPartition> partitions, long from, long timeoutMs) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        try (KafkaConsumer<String, byte[]> sampler = new KafkaConsumer<>(consumerConfig(bootstrap))) {
            sampler.assign(partitions);
            while (end(sampler, partitions) <= from && System.currentTimeMillis() < deadline) {
                LockSupport.parkNanos(10_000_000L);
            }
            return System.currentTimeMillis();
        }
    }

    private static void awaitStored(Connection db, Set<UUID> ids, long timeoutMs) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        long stored;
        while ((stored = count(db, "count(*)", ids)) < ids.size()) {
            if (System.currentTimeMillis() > deadline) {
                System.out.printf("TIMEOUT: %d of %d good events stored%n", stored, ids.size());
                System.exit(1);
            }
            Thread.sleep(50);
        }
    }

    private static void report(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions, Connection db,
            long from, long began, long[] times, Flood flood, String topic) throws Exception {
        long written = end(consumer, partitions) - from;
        String order = checkDeadLetters(consumer, partitions, from, topic, flood.deadLetters());
        long rows = count(db, "count(*)", flood.goodSentAt().keySet());
        long distinct = count(db, "count(DISTINCT event_id)", flood.goodSentAt().keySet());
        long[] delays = delays(db, flood.goodSentAt());
        double drain = (times[1] - began) / 1e3;
        double steady = (times[1] - times[0]) / 1e3;
        System.out.printf("dead letters: %d written for %d malformed records; %s%n", written, flood.deadLetters(), order);
        System.out.printf("good events: %d sent, %d rows, %d distinct event ids%n", flood.goodSentAt().size(), rows,
                distinct);
        System.out.printf("first sent -> last dead letter: %.2f s = %.0f dead letters/s%n", drain,
                flood.deadLetters() / drain);
        System.out.printf("first -> last dead letter:      %.2f s = %.0f dead letters/s%n", steady,
                flood.deadLetters() / steady);
        System.out.printf("good event sent -> recorded_at (ms): p50=%d p99=%d max=%d%n", percentile(delays, 50),
                percentile(delays, 99), delays[delays.length - 1]);
        boolean ok = written == flood.deadLetters() && order.startsWith("in order") && rows == flood.goodSentAt().size()
                && distinct == rows;
        System.out.printf("RESULT dead_letters=%d drain_seconds=%.3f steady_seconds=%.3f good=%d good_p50_ms=%d"
                + " good_p99_ms=%d good_max_ms=%d ok=%s%n", written, drain, steady, rows, percentile(delays, 50),
                percentile(delays, 99), delays[delays.length - 1], ok);
        if (!ok) {
            System.out.println("FAILED: dead letters or stored events do not match what was sent");
            System.exit(1);
        }
    }

    /** Reads every dead letter from {@code from}: one per original position, each partition's in offset order. */
    private static String checkDeadLetters(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions,
            long from, String topic, long expected) {
        if (partitions.size() != 1) {
            return "not checked (" + partitions.size() + " dead-letter partitions)";
        }
        TopicPartition partition = partitions.get(0);
        consumer.assign(partitions);
        consumer.seek(partition, from);
        long end = consumer.endOffsets(partitions).get(partition);
        Map<String, Long> last = new HashMap<>();
        Set<String> positions = new HashSet<>();
        long read = 0;
        long outOfOrder = 0;
        long deadline = System.currentTimeMillis() + 120_000;
        while (consumer.position(partition) < end && System.currentTimeMillis() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                read++;
                String originalPartition = header(record, DeadLetters.ORIGINAL_PARTITION);
                long offset = Long.parseLong(header(record, DeadLetters.ORIGINAL_OFFSET));
                positions.add(header(record, DeadLetters.ORIGINAL_TOPIC) + "/" + originalPartition + "/" + offset);
                Long previous = last.put(originalPartition, offset);
                if (!topic.equals(header(record, DeadLetters.ORIGINAL_TOPIC)) || (previous != null && previous >= offset)) {
                    outOfOrder++;
                }
            }
        }
        boolean once = read == expected && positions.size() == expected;
        return (outOfOrder == 0 ? "in order" : outOfOrder + " out of order") + ", " + read + " read, "
                + positions.size() + " distinct original positions" + (once ? " (each once)" : " (NOT each once)");
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static long[] delays(Connection db, Map<UUID, Long> sentAt) throws Exception {
        List<Long> delays = new ArrayList<>(sentAt.size());
        try (PreparedStatement s = db.prepareStatement("SELECT event_id, (extract(epoch FROM recorded_at) * 1000)::bigint"
                + " FROM audit_logs WHERE event_id = ANY (?)")) {
            s.setArray(1, ids(db, sentAt.keySet()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    delays.add(rs.getLong(2) - sentAt.get(rs.getObject(1, UUID.class)));
                }
            }
        }
        long[] sorted = delays.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted.length == 0 ? new long[]{0} : sorted;
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)];
    }

    private static long count(Connection db, String what, Set<UUID> ids) throws Exception {
        try (PreparedStatement s = db.prepareStatement("SELECT " + what + " FROM audit_logs WHERE event_id = ANY (?)")) {
            s.setArray(1, ids(db, ids));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Array ids(Connection db, Set<UUID> ids) throws Exception {
        return db.createArrayOf("uuid", ids.toArray());
    }

    private static long end(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions) {
        return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }

    private static Properties consumerConfig(String bootstrap) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        return config;
    }
}
