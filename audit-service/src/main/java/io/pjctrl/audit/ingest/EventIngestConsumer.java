package io.pjctrl.audit.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.pjctrl.audit.AuditServiceConfig;
import io.pjctrl.audit.ingest.DeadLetterPublisher.Rejected;
import io.pjctrl.audit.log.LogPartitions;
import io.pjctrl.contract.event.ContractViolation;
import io.pjctrl.contract.event.EventContract;
import io.pjctrl.contract.event.EventRecord;
import io.pjctrl.contract.event.ValidEvent;
import io.smallrye.mutiny.Uni;

/**
 * The batch consumer of the events topic. Returns a Uni so the batch is acknowledged (offsets committed by the
 * throttled strategy) only after every one of its dead letters is acknowledged and its DB transaction committed; the
 * two run side by side. A failure after all retries nacks the batch: failure-strategy=fail stops the channel without
 * committing, and the next consumer (restart or rebalance) resumes from the last committed offset.
 */
@ApplicationScoped
public class EventIngestConsumer {

    public static final String CHANNEL = "audit-events-in";
    /** Dead-letter reason of a valid event whose occurred_at is outside the months the log stores (LogPartitions). */
    public static final String OUT_OF_RANGE = "occurred_at_out_of_range";
    /** Dead-letter reason of a valid event of a month retention has archived and dropped (docs/retention.md). */
    public static final String ARCHIVED = "occurred_at_archived";

    private final EventContract contract;
    private final DeadLetterPublisher deadLetters;
    private final IngestService ingest;
    private final LogPartitions partitions;
    private final IngestMetrics metrics;
    private final IngestTracing tracing;

    public EventIngestConsumer(DeadLetterPublisher deadLetters, IngestService ingest, LogPartitions partitions,
            IngestMetrics metrics, IngestTracing tracing, AuditServiceConfig config) {
        this.contract = new EventContract(config.ingest().maxPayloadBytes());
        this.deadLetters = deadLetters;
        this.ingest = ingest;
        this.partitions = partitions;
        this.metrics = metrics;
        this.tracing = tracing;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
        return process(records);
    }

    /** One batch, from any consumer (the channel above, or a plain KafkaConsumer in tests and tools). */
    public Uni<Void> process(Iterable<ConsumerRecord<String, byte[]>> records) {
        IngestTracing.BatchTrace trace = tracing.start(records);
        return store(records)
                .onTermination().invoke((ignored, failure, cancelled) -> trace.end(failure));
    }

    private Uni<Void> store(Iterable<ConsumerRecord<String, byte[]>> records) {
        List<ValidEvent> valid = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>(0);
        int count = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
            count++;
            try {
                valid.add(storable(contract.validate(eventRecord(record), record.partition(), record.offset())));
            } catch (ContractViolation violation) {
                rejected.add(new Rejected(record, violation));
            }
        }
        metrics.batch(count);
        // Neither waits for the other: they go to different places, and a failure of either fails the whole batch,
        // which is consumed again (dead letters are then re-sent, stored events skipped as duplicates).
        // collectFailures: a failed send must not cancel a DB transaction midway, nor the other way round.
        return Uni.combine().all().unis(deadLetters.publish(rejected), ingest.ingest(valid))
                .collectFailures()
                .discardItems();
    }

    private ValidEvent storable(ValidEvent event) {
        if (!partitions.within(event.occurredAt())) {
            throw new ContractViolation(OUT_OF_RANGE, "occurred_at " + event.occurredAt()
                    + " is outside the months the log stores (" + partitions.storedMonths() + ", pjctrl.partitions)");
        }
        if (partitions.archived(event.occurredAt())) {
            throw new ContractViolation(ARCHIVED, "occurred_at " + event.occurredAt() + " is in a month retention has"
                    + " archived and dropped (" + partitions.storedMonths() + ")");
        }
        return event;
    }

    /** The contract's view of a Kafka record: key, value and each header's last value (UTF-8). */
    static EventRecord eventRecord(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            if (header.value() == null) {
                headers.remove(header.key());
            } else {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return new EventRecord(record.key(), headers, record.value());
    }
}
