package io.pjctrl.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Writes through project-service at a fixed rate (see {@link RateDriver}): task title updates, and optionally a share
 * of task creates. With {@code --audit-base}, every {@code --probe-every}-th update is followed in audit-service: the
 * probe polls the task's newest audit entries every {@code --probe-poll-ms} until the entry carrying that update's
 * unique title shows up, and records the time from the update's due time (before its commit, so an upper bound).
 */
final class HttpLoadTool {

    private HttpLoadTool() {
    }

    static void run(Args args) throws Exception {
        ProjectApi api = new ProjectApi(args.text("base", "http://127.0.0.1:18081"));
        api.login(args.required("email"), args.required("password"));
        int taskCount = (int) args.number("tasks", 500);
        String projectId = api.createProject("bench " + Instant.now());
        List<String> tasks = new ArrayList<>(taskCount);
        for (int i = 0; i < taskCount; i++) {
            tasks.add(api.createTask(projectId, "bench task " + i));
        }
        System.out.printf("setup: 1 project, %d tasks%n", taskCount);

        double rate = args.decimal("rate", 500);
        long createEvery = args.number("create-every", 0);
        String run = Long.toString(System.currentTimeMillis(), 36);
        Probe probe = args.text("audit-base", null) == null
                ? null
                : new Probe(api, args.text("audit-base", null), args.number("probe-every", 100),
                        args.number("probe-poll-ms", 10), (int) args.number("probe-max", 32));
        RateDriver driver = new RateDriver(rate, (int) args.number("max-in-flight", 2_000));

        double warmup = args.decimal("warmup-seconds", 10);
        if (warmup > 0) {
            driver.run(warmup, i -> write(api, projectId, tasks, createEvery, run + "w" + i, i, null)).print("warm-up");
        }
        long measuredFrom = System.currentTimeMillis();
        RateDriver.Result result = driver.run(args.decimal("seconds", 60),
                i -> write(api, projectId, tasks, createEvery, run + "m" + i, i, probe));
        long measuredTo = System.currentTimeMillis();
        result.print("writes");
        System.out.printf("RESULT window_from_ms=%d window_to_ms=%d writes_ok=%d p50_ms=%.2f p99_ms=%.2f%n",
                measuredFrom, measuredTo, result.ok(), RateDriver.Result.ms(result.latencyMicros(), 50),
                RateDriver.Result.ms(result.latencyMicros(), 99));
        if (probe != null) {
            probe.finish();
        }
        System.exit(result.failed() == 0 ? 0 : 1);
    }

    private static CompletableFuture<?> write(ProjectApi api, String projectId, List<String> tasks, long createEvery,
            String title, long i, Probe probe) {
        if (createEvery > 0 && i % createEvery == 0) {
            return api.createTaskAsync(projectId, "bench-" + title);
        }
        String taskId = tasks.get((int) (i % tasks.size()));
        long due = System.nanoTime();
        CompletableFuture<?> update = api.updateTaskTitle(taskId, "bench-" + title);
        if (probe != null && i % probe.every == 0) {
            update.thenRun(() -> probe.follow(taskId, "bench-" + title, due));
        }
        return update;
    }

    /** Follows sampled writes into audit-service until each is queryable there. */
    static final class Probe {

        private final ProjectApi api;
        private final String auditBase;
        private final long every;
        private final long pollMs;
        private final int max;
        private final Recorder recorder = new Recorder(3);
        private final AtomicInteger active = new AtomicInteger();
        private final AtomicLong skipped = new AtomicLong();
        private final AtomicLong timedOut = new AtomicLong();
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "probe");
            thread.setDaemon(true);
            return thread;
        });

        Probe(ProjectApi api, String auditBase, long every, long pollMs, int max) {
            ProjectApi.requireLoopback(auditBase);
            this.api = api;
            this.auditBase = auditBase;
            this.every = every;
            this.pollMs = pollMs;
            this.max = max;
        }

        void follow(String taskId, String title, long dueNanos) {
            if (active.incrementAndGet() > max) {
                active.decrementAndGet();
                skipped.incrementAndGet();
                return;
            }
            String url = auditBase + "/api/audit-logs?resource_type=task&limit=5&resource_id="
                    + URLEncoder.encode(taskId, StandardCharsets.UTF_8);
            poll(url, title, dueNanos);
        }

        private void poll(String url, String title, long dueNanos) {
            api.get(url).whenComplete((response, error) -> {
                long now = System.nanoTime();
                if (error == null && contains(response.body(), title)) {
                    recorder.recordValue(Math.max(1, (now - dueNanos) / 1_000));
                    active.decrementAndGet();
                } else if (now - dueNanos > 10_000_000_000L) {
                    timedOut.incrementAndGet();
                    active.decrementAndGet();
                } else {
                    timer.schedule(() -> poll(url, title, dueNanos), pollMs, TimeUnit.MILLISECONDS);
                }
            });
        }

        private static boolean contains(String body, String title) {
            try {
                for (JsonNode item : ProjectApi.JSON.readTree(body).path("items")) {
                    if (title.equals(item.path("changes").path("title").path("new").asText(null))) {
                        return true;
                    }
                }
                return false;
            } catch (Exception e) {
                return false;
            }
        }

        void finish() throws InterruptedException {
            for (int i = 0; i < 1_500 && active.get() > 0; i++) {
                Thread.sleep(10);
            }
            Histogram h = recorder.getIntervalHistogram();
            System.out.printf("probe (write due -> visible in GET /api/audit-logs, polled every %d ms): %d followed, "
                    + "%d timed out (>10 s), %d skipped (too many open probes)%n", pollMs, h.getTotalCount(),
                    timedOut.get(), skipped.get());
            System.out.printf("probe latency ms: p50=%.1f p90=%.1f p99=%.1f max=%.1f%n", RateDriver.Result.ms(h, 50),
                    RateDriver.Result.ms(h, 90), RateDriver.Result.ms(h, 99), h.getMaxValue() / 1e3);
            System.out.printf("RESULT probe_count=%d probe_p50_ms=%.1f probe_p99_ms=%.1f probe_timeouts=%d%n",
                    h.getTotalCount(), RateDriver.Result.ms(h, 50), RateDriver.Result.ms(h, 99), timedOut.get());
        }
    }
}
