import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces valid {@code project.create} change events (binary-mode CloudEvents, as docs/events/ defines them), one
 * new project each, {@code count} of them {@code interval-ms} apart, and prints the event id of each once the broker
 * acknowledged it. Run as a single-file source program (the local stack's checks use it where project-service does
 * not run): {@code java -cp 'libs/*' ProduceEvents.java <bootstrap> <topic> <count> <interval-ms>}
 */
public class ProduceEvents {

    public static void main(String[] args) throws Exception {
        String topic = args[1];
        int count = Integer.parseInt(args[2]);
        long intervalMs = Long.parseLong(args[3]);
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0],
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            List<String> pending = new ArrayList<>();
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String eventId = UUID.randomUUID().toString();
                String projectId = UUID.randomUUID().toString();
                String time = Instant.now().truncatedTo(ChronoUnit.MICROS).toString();
                String data = """
                        {"event_id":"%1$s","event_type":"project.create","resource_type":"project",\
                        "resource_id":"%2$s","project_id":"%2$s","action":"create",\
                        "actor":{"user_id":"a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d","role":"manager"},\
                        "changes":{"name":{"new":"dev-check %3$d"}},"aggregate_version":1,"occurred_at":"%4$s",\
                        "request_metadata":{"ip":"127.0.0.1","user_agent":"dev-check","request_id":"dev-check-%3$d",\
                        "trace_id":null}}""".formatted(eventId, projectId, i, time);
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, "project:" + projectId,
                        data.getBytes(StandardCharsets.UTF_8));
                header(record, "ce_specversion", "1.0");
                header(record, "ce_id", eventId);
                header(record, "ce_source", "/pjctrl/project-service");
                header(record, "ce_type", "project.create");
                header(record, "ce_subject", "project/" + projectId);
                header(record, "ce_time", time);
                header(record, "content-type", "application/json");
                sends.add(producer.send(record));
                pending.add(eventId);
                if (intervalMs > 0) {
                    Thread.sleep(intervalMs);
                }
                flushAcknowledged(pending, sends, false);
            }
            producer.flush();
            flushAcknowledged(pending, sends, true);
        }
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Prints the ids of the sends acknowledged so far, in order; with {@code all}, waits for each. */
    private static void flushAcknowledged(List<String> ids, List<Future<RecordMetadata>> sends, boolean all)
            throws Exception {
        while (!sends.isEmpty() && (all || sends.get(0).isDone())) {
            sends.remove(0).get(30, TimeUnit.SECONDS);
            System.out.println(ids.remove(0));
        }
        System.out.flush();
    }
}
