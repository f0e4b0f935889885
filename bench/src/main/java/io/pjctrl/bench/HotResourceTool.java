package io.pjctrl.bench;

import java.time.Instant;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pjctrl.contract.event.ChangeEvent;
import io.pjctrl.ids.TimeOrderedIds;

/**
 * The two workloads of {@code BENCH_HOT_RESOURCE=1 bench/ingest.sh}, both onto ONE partition so one consumer and one
 * chain take each and only the resources' histories differ: {@code --resource-id ID} produces that task's updates
 * with versions {@code --from-version} onwards (its version check then runs against a long history), {@code --fresh
 * true} produces creates of new tasks (version 1, nothing stored before). Events are alike in size either way.
 */
final class HotResourceTool {

    private HotResourceTool() {
    }

    static void run(Args args) throws Exception {
        String topic = args.text("topic", "pjctrl.audit-events");
        int partition = (int) args.number("partition", 0);
        long events = args.number("events", 10_000);
        long fromVersion = args.number("from-version", 1);
        boolean fresh = Boolean.parseBoolean(args.text("fresh", "false"));
        String hot = args.text("resource-id", "00000000-0000-4000-8000-000000000016");
        SplittableRandom random = new SplittableRandom(args.number("seed", 16));
        UUID project = new UUID(0x16L, 0x42L);
        Instant start = Instant.parse(args.text("start", "2026-12-01T00:00:00Z"));

        AtomicLong acked = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long began = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Kafka.producerConfig(args.text("bootstrap", "127.0.0.1:9092")))) {
            for (long i = 0; i < events; i++) {
                long version = fresh ? 1 : fromVersion + i;
                String resource = fresh ? new UUID(random.nextLong(), random.nextLong()).toString() : hot;
                Instant at = start.plusMillis(fresh ? i : fromVersion + i);
                ChangeEvent event = event(random, resource, version, project, at);
                var record = ProduceTool.record(topic, event.record());
                producer.send(new ProducerRecord<>(topic, partition, record.key(), record.value(), record.headers()),
                        (meta, error) -> {
                            if (error == null) {
                                acked.incrementAndGet();
                            } else {
                                failure.compareAndSet(null, error);
                            }
                        });
                if (failure.get() != null) {
                    throw failure.get();
                }
            }
            producer.flush();
        }
        if (failure.get() != null || acked.get() != events) {
            throw new IllegalStateException("only " + acked.get() + " of " + events + " records acknowledged", failure.get());
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        System.out.printf("produced %d %s events on partition %d in %.1f s%n", events,
                fresh ? "fresh-resource" : "hot-resource (versions " + fromVersion + "..)", partition, seconds);
    }

    private static ChangeEvent event(SplittableRandom random, String resource, long version, UUID project, Instant at) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode changes = json.objectNode();
        ObjectNode estimate = changes.putObject("estimate");
        if (version > 1) {
            estimate.put("old", version - 1);
        }
        estimate.put("new", version);
        changes.putObject("status").put("new", version % 2 == 0 ? "in_progress" : "todo");
        ObjectNode metadata = json.objectNode();
        metadata.put("ip", "10.16.0." + random.nextInt(1, 255));
        metadata.put("user_agent", "bench-hot-resource");
        metadata.put("request_id", new UUID(random.nextLong(), random.nextLong()).toString());
        metadata.putNull("trace_id");
        UUID user = new UUID(0x16L, random.nextInt(200));
        return new ChangeEvent(TimeOrderedIds.of(at.toEpochMilli(), random.nextLong(), random.nextLong()),
                version == 1 ? "task.create" : "task.update", ChangeEvent.PROJECT_SERVICE, "task", resource, project,
                version == 1 ? "create" : "update", user, "member", changes, version, at, metadata);
    }

}
