package io.pjctrl.project.outbox;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Outbox backlog (pending rows, refreshed by every poll) and publish latency (change commit -> Kafka ack). */
@ApplicationScoped
public class OutboxMetrics {

    private final AtomicLong backlog = new AtomicLong();
    private final Timer latency;
    private final Counter published;

    public OutboxMetrics(MeterRegistry registry) {
        Gauge.builder("pjctrl.outbox.backlog", backlog, AtomicLong::get)
                .description("Outbox rows not yet acknowledged by Kafka")
                .register(registry);
        this.latency = Timer.builder("pjctrl.outbox.publish.latency")
                .description("Time from the change's commit to Kafka's acknowledgement of its event")
                .publishPercentileHistogram()
                .register(registry);
        this.published = Counter.builder("pjctrl.outbox.published")
                .description("Events acknowledged by Kafka and marked sent")
                .register(registry);
    }

    public void backlog(long pending) {
        backlog.set(pending);
    }

    public long backlog() {
        return backlog.get();
    }

    public void acknowledged(Duration sinceCommit) {
        latency.record(sinceCommit.isNegative() ? Duration.ZERO : sinceCommit);
    }

    public void published(int count) {
        published.increment(count);
    }
}
