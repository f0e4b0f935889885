package io.pjctrl.audit.verify;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The outcome of the latest scheduled whole-log verification: {@code pjctrl_verify_last_valid} (1 valid, 0 invalid),
 * {@code pjctrl_verify_last_run_timestamp_seconds}, {@code pjctrl_verify_last_failures} and
 * {@code pjctrl_verify_last_entries}; all NaN until the first one finished. A run that could not finish (database
 * away) counts in {@code pjctrl_verify_scheduled_errors_total} and leaves the last result as it was, so the
 * timestamp ages and PjctrlVerificationNotRun fires.
 * <p>
 * Only one replica runs a scheduled verification at a time ({@link ScheduledVerification}); a replica that skipped
 * its trigger because another held the lock has no result of its own that is current, so it clears its last result:
 * all four gauges go back to NaN (not its own older result, which would keep reporting a state the log may have
 * left), and {@code pjctrl_verify_scheduled_skipped_total} counts the skip. The alerts aggregate with {@code min} and
 * {@code max}, which ignore NaN samples, so the replica that ran decides them.
 */
@ApplicationScoped
public class VerifyMetrics {

    private final AtomicReference<VerifyReport> last = new AtomicReference<>();
    private final Counter errors;
    private final Counter skips;

    public VerifyMetrics(MeterRegistry registry) {
        Gauge.builder("pjctrl.verify.last.valid", this, m -> m.value(r -> VerifyReport.VALID.equals(r.status()) ? 1 : 0))
                .description("1 when the latest scheduled whole-log verification found the log valid, 0 when not")
                .register(registry);
        Gauge.builder("pjctrl.verify.last.run.timestamp", this, m -> m.value(r -> r.verifiedAt().toEpochMilli() / 1000.0))
                .description("When the latest scheduled whole-log verification finished (Unix time)")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("pjctrl.verify.last.failures", this, m -> m.value(r -> r.failures().size()))
                .description("Failures the latest scheduled whole-log verification listed (at most max-failures)")
                .register(registry);
        Gauge.builder("pjctrl.verify.last.entries", this, m -> m.value(VerifyReport::checked))
                .description("Entries the latest scheduled whole-log verification checked")
                .register(registry);
        this.errors = Counter.builder("pjctrl.verify.scheduled.errors")
                .description("Scheduled verifications that failed to run to the end")
                .register(registry);
        this.skips = Counter.builder("pjctrl.verify.scheduled.skipped")
                .description("Scheduled verifications skipped because another replica was running one")
                .register(registry);
    }

    void skipped() {
        last.set(null);
        skips.increment();
    }

    void finished(VerifyReport report) {
        last.set(report);
    }

    void failed() {
        errors.increment();
    }

    private double value(ToDoubleFunction<VerifyReport> of) {
        VerifyReport report = last.get();
        return report == null ? Double.NaN : of.applyAsDouble(report);
    }
}
