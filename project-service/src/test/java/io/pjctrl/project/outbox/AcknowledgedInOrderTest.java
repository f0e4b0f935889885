package io.pjctrl.project.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

/** Which rows of a partly acknowledged batch may be marked sent without letting a retry reorder an aggregate. */
class AcknowledgedInOrderTest {

    private static final CompletableFuture<Void> ACKED = CompletableFuture.completedFuture(null);
    private static final CompletableFuture<Void> FAILED = CompletableFuture
            .failedFuture(new IllegalStateException("delivery timeout"));

    @Test
    void shouldMarkEveryRowWhenEveryRecordWasAcknowledged() {
        List<PendingEvent> batch = List.of(event("a", 1), event("b", 2), event("a", 3));

        assertThat(RelayWorker.acknowledgedInOrder(batch, List.of(ACKED, ACKED, ACKED))).isEqualTo(batch);
    }

    @Test
    void shouldKeepLaterRowsOfAnAggregatePendingAfterItsFailedRecord() {
        PendingEvent a1 = event("a", 1);
        PendingEvent b2 = event("b", 2);
        PendingEvent a3 = event("a", 3);
        PendingEvent b4 = event("b", 4);
        PendingEvent a5 = event("a", 5);

        List<PendingEvent> sent = RelayWorker.acknowledgedInOrder(List.of(a1, b2, a3, b4, a5),
                List.of(ACKED, FAILED, ACKED, ACKED, ACKED));

        assertThat(sent).as("b failed at row 2: b's row 4 waits for it, a is unaffected").containsExactly(a1, a3, a5);
    }

    @Test
    void shouldTreatAnUnfinishedSendAsNotAcknowledged() {
        PendingEvent a1 = event("a", 1);
        PendingEvent a2 = event("a", 2);

        assertThat(RelayWorker.acknowledgedInOrder(List.of(a1, a2), List.of(new CompletableFuture<>(), ACKED)))
                .isEmpty();
    }

    private static PendingEvent event(String aggregate, long seq) {
        return new PendingEvent(UUID.randomUUID(), seq, "task", aggregate, "task.update", "{}", Instant.now(), null,
                null);
    }
}
