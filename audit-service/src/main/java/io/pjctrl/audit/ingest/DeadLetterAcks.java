package io.pjctrl.audit.ingest;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The broker's answers to one batch of dead letters. {@link #done()} completes once every record handed to the
 * producer has been answered, and fails with the first failure if any was refused. The callbacks run on the
 * producer's I/O thread, so they only count.
 */
final class DeadLetterAcks {

    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final AtomicInteger unanswered;
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final IntConsumer onAcknowledged;

    private DeadLetterAcks(int records, IntConsumer onAcknowledged) {
        this.unanswered = new AtomicInteger(records);
        this.onAcknowledged = onAcknowledged;
    }

    /**
     * Hands every record to the producer at once, in list order (the producer batches them and, idempotent, keeps that
     * order per partition through its own retries). {@code onAcknowledged} gets the index of each acknowledged record.
     * Sending stops at the first record the producer refuses outright: the batch fails anyway, and no later record
     * may overtake it.
     */
    static DeadLetterAcks send(Producer<String, byte[]> producer, List<ProducerRecord<String, byte[]>> records,
            IntConsumer onAcknowledged) {
        DeadLetterAcks acks = new DeadLetterAcks(records.size(), onAcknowledged);
        for (int i = 0; i < records.size(); i++) {
            int index = i;
            try {
                producer.send(records.get(i), (metadata, error) -> acks.answered(index, error));
            } catch (RuntimeException e) {
                acks.notSent(records.size() - i, e);
                break;
            }
        }
        return acks;
    }

    CompletableFuture<Void> done() {
        return done;
    }

    int acknowledged() {
        return acknowledged.get();
    }

    private void answered(int index, Exception error) {
        try {
            if (error == null) {
                acknowledged.incrementAndGet();
                onAcknowledged.accept(index);
            } else {
                failure.compareAndSet(null, error);
            }
        } finally {
            settle(1);
        }
    }

    private void notSent(int records, RuntimeException error) {
        failure.compareAndSet(null, error);
        settle(records);
    }

    private void settle(int records) {
        if (unanswered.addAndGet(-records) == 0) {
            Throwable first = failure.get();
            if (first == null) {
                done.complete(null);
            } else {
                done.completeExceptionally(first);
            }
        }
    }
}
