package io.pjctrl.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Open-loop load at a fixed rate: request {@code i} is due at {@code start + i / rate} whether or not earlier ones
 * have answered, and its latency counts from that due time (not from when it was actually sent), so a stalled server
 * is not hidden by the driver waiting for it (coordinated omission). Bounded in time and in requests in flight.
 */
final class RateDriver {

    /** Outcome of one run: latencies in microseconds of the requests that succeeded, and the counts. */
    record Result(Histogram latencyMicros, long sent, long ok, long failed, long overloaded, double seconds) {

        void print(String label) {
            Histogram h = latencyMicros;
            System.out.printf("%s: %d sent in %.1f s (%.0f/s), %d ok, %d failed, %d not sent (too many in flight)%n",
                    label, sent, seconds, sent / seconds, ok, failed, overloaded);
            System.out.printf("%s latency ms: p50=%.2f p90=%.2f p99=%.2f p99.9=%.2f max=%.2f mean=%.2f%n", label,
                    ms(h, 50), ms(h, 90), ms(h, 99), ms(h, 99.9), h.getMaxValue() / 1e3, h.getMean() / 1e3);
        }

        static double ms(Histogram h, double percentile) {
            return h.getValueAtPercentile(percentile) / 1e3;
        }
    }

    private final double rate;
    private final int maxInFlight;

    RateDriver(double rate, int maxInFlight) {
        this.rate = rate;
        this.maxInFlight = maxInFlight;
    }

    /**
     * Runs {@code operation(i)} at the rate for {@code seconds}; the future completes normally for a success and
     * exceptionally for a failure. Waits at most 30 s for the last answers.
     */
    Result run(double seconds, LongFunction<CompletableFuture<?>> operation) throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicLong inFlight = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long overloaded = 0;
        long periodNanos = (long) (1e9 / rate);
        long count = (long) (seconds * rate);
        long start = System.nanoTime();
        long sent = 0;
        for (long i = 0; i < count; i++) {
            long due = start + i * periodNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (inFlight.get() >= maxInFlight) {
                overloaded++;
                continue;
            }
            inFlight.incrementAndGet();
            sent++;
            operation.apply(i).whenComplete((value, error) -> {
                long micros = (System.nanoTime() - due) / 1_000;
                inFlight.decrementAndGet();
                if (error == null) {
                    recorder.recordValue(Math.max(1, micros));
                    ok.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                    if (failed.get() <= 5) {
                        System.out.println("  request failed: " + error);
                    }
                }
            });
        }
        long drainUntil = System.nanoTime() + 30_000_000_000L;
        while (inFlight.get() > 0 && System.nanoTime() < drainUntil) {
            Thread.sleep(10);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Result(recorder.getIntervalHistogram(), sent, ok.get(), failed.get() + inFlight.get(), overloaded,
                Math.min(elapsed, seconds));
    }
}
