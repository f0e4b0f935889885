package io.pjctrl.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Latency of GET /api/audit-logs for the admin UI's filter combinations over a large log: the first page, and a page
 * deep in the cursor (reached by walking the cursor with large pages, then measuring one UI-sized page). Requests are
 * sequential (one at a time), so the figures are service latency without queueing; filter values are sampled from the
 * stored rows. Then the activity chart's counts (GET /api/audit-logs/stats) for the same kinds of filters.
 */
final class QueryTool {

    private QueryTool() {
    }

    static void run(Args args) throws Exception {
        ProjectApi api = ProjectApi.loggedIn(args);
        String audit = ProjectApi.auditBase(args);
        int samples = (int) args.number("samples", 40);
        int pageSize = (int) args.number("page-size", 50);
        int walkLimit = (int) args.number("walk-limit", 500);
        long deepRows = args.number("deep-rows", 5_000);
        SplittableRandom random = new SplittableRandom(args.number("seed", 11));

        Map<String, Function<Integer, String>> combos;
        Map<String, Function<Integer, String>> stats;
        try (Connection db = Db.connect(args)) {
            combos = combinations(db, random, samples);
            stats = statsCombinations(db, random, samples);
        }
        System.out.printf("%-44s %8s %8s %8s | %8s %8s %8s %6s%n", "filters", "first p50", "p95", "max", "deep p50",
                "p95", "max", "deep n");
        double worst = 0;
        for (Map.Entry<String, Function<Integer, String>> combo : combos.entrySet()) {
            for (int i = 0; i < 3; i++) { // warm-up, not recorded
                timed(api, audit + "/api/audit-logs?limit=" + pageSize + combo.getValue().apply(i));
            }
            Histogram first = new Histogram(3);
            Histogram deep = new Histogram(3);
            for (int i = 0; i < samples; i++) {
                String query = combo.getValue().apply(i);
                first.recordValue(timed(api, audit + "/api/audit-logs?limit=" + pageSize + query).micros);
                String cursor = walk(api, audit, query, walkLimit, deepRows);
                if (cursor != null) {
                    deep.recordValue(timed(api, audit + "/api/audit-logs?limit=" + pageSize + query + "&cursor="
                            + URLEncoder.encode(cursor, StandardCharsets.UTF_8)).micros);
                }
            }
            System.out.printf("%-44s %8.1f %8.1f %8.1f | %8s %8s %8s %6d%n", combo.getKey(), ms(first, 50), ms(first, 95),
                    first.getMaxValue() / 1e3, deep.getTotalCount() == 0 ? "-" : fmt(ms(deep, 50)),
                    deep.getTotalCount() == 0 ? "-" : fmt(ms(deep, 95)),
                    deep.getTotalCount() == 0 ? "-" : fmt(deep.getMaxValue() / 1e3), deep.getTotalCount());
            worst = Math.max(worst, Math.max(ms(first, 95), deep.getTotalCount() == 0 ? 0 : ms(deep, 95)));
        }
        System.out.printf("RESULT worst_p95_ms=%.1f%n", worst);
        System.out.printf("%n%-44s %8s %8s %8s %8s%n", "stats (activity chart)", "p50", "p95", "max", "buckets");
        double worstStats = 0;
        for (Map.Entry<String, Function<Integer, String>> combo : stats.entrySet()) {
            for (int i = 0; i < 3; i++) { // warm-up, not recorded
                timed(api, audit + "/api/audit-logs/stats?" + combo.getValue().apply(i));
            }
            Histogram latency = new Histogram(3);
            int buckets = 0;
            for (int i = 0; i < samples; i++) {
                Timed answer = timed(api, audit + "/api/audit-logs/stats?" + combo.getValue().apply(i));
                if (!answer.body.has("buckets")) {
                    throw new IllegalStateException("stats answered " + answer.body + " for " + combo.getKey());
                }
                buckets = answer.body.path("buckets").size();
                latency.recordValue(answer.micros);
            }
            System.out.printf("%-44s %8.1f %8.1f %8.1f %8d%n", combo.getKey(), ms(latency, 50), ms(latency, 95),
                    latency.getMaxValue() / 1e3, buckets);
            worstStats = Math.max(worstStats, ms(latency, 95));
        }
        System.out.printf("RESULT stats_worst_p95_ms=%.1f%n", worstStats);
    }

    /**
     * The activity chart's requests (GET /api/audit-logs/stats) for the same filters: the default view (the last 7 days
     * by the hour, no from/to), then ranges ending at the log's newest entry so an old dataset is not measured empty.
     * Without a resource, user or project filter the whole hours come from audit_activity (V46); with one, from the
     * filter's index.
     */
    private static Map<String, Function<Integer, String>> statsCombinations(Connection db, SplittableRandom random,
            int samples) throws SQLException {
        Samples drawn = Samples.read(db, samples);
        Instant newest = drawn.newest();
        Map<String, Function<Integer, String>> combos = new LinkedHashMap<>();
        combos.put("default view (now - 7 days, hour)", i -> "bucket=hour");
        combos.put("7 days by hour", i -> "bucket=hour" + range(newest, random, 7));
        combos.put("30 days by day", i -> "bucket=day" + range(newest, random, 30));
        combos.put("30 days by hour, Europe/Berlin", i -> "bucket=hour&tz=Europe/Berlin" + range(newest, random, 30));
        combos.put("180 days by day", i -> "bucket=day" + range(newest, random, 180));
        combos.put("event_type=task.update, 30 days by day", i -> "bucket=day&event_type=task.update"
                + range(newest, random, 30));
        combos.put("sensitivity=high,critical, 7 days by hour",
                i -> "bucket=hour&sensitivity=high&sensitivity=critical" + range(newest, random, 7));
        combos.put("user_id, 30 days by day", i -> "bucket=day&user_id=" + drawn.user(i)
                + range(newest, random, 30));
        combos.put("project_id + action=delete, 30 days by day", i -> "bucket=day&action=delete&project_id="
                + drawn.project(i) + range(newest, random, 30));
        combos.put("resource (history), 180 days by day", i -> "bucket=day&resource_type=task&resource_id="
                + drawn.task(i) + range(newest, random, 180));
        return combos;
    }

    /** Values drawn from the stored rows, the same for the list's and the chart's combinations. */
    private record Samples(List<String> users, List<String> tasks, List<String> projects, Instant newest) {

        static Samples read(Connection db, int samples) throws SQLException {
            return new Samples(sample(db, "user_id", "user_id IS NOT NULL", samples),
                    sample(db, "resource_id", "resource_type = 'task'", samples),
                    sample(db, "project_id", "project_id IS NOT NULL", samples), QueryTool.newest(db));
        }

        String user(int i) {
            return users.get(i % users.size());
        }

        String task(int i) {
            return tasks.get(i % tasks.size());
        }

        String project(int i) {
            return projects.get(i % projects.size());
        }
    }

    /** Follows the cursor with large pages until {@code deepRows} rows lie behind it; null if the log ends first. */
    private static String walk(ProjectApi api, String audit, String query, int walkLimit, long deepRows)
            throws Exception {
        String cursor = null;
        long behind = 0;
        while (behind < deepRows) {
            int limit = (int) Math.min(walkLimit, deepRows - behind);
            JsonNode page = timed(api, audit + "/api/audit-logs?limit=" + limit + query
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8))).body;
            behind += page.path("items").size();
            cursor = page.path("next_cursor").asText(null);
            if (cursor == null || page.path("items").size() < limit) {
                return null;
            }
        }
        return cursor;
    }

    private record Timed(long micros, JsonNode body) {
    }

    private static Timed timed(ProjectApi api, String url) throws Exception {
        long began = System.nanoTime();
        String body = api.get(url).get().body();
        long micros = Math.max(1, (System.nanoTime() - began) / 1_000);
        return new Timed(micros, ProjectApi.JSON.readTree(body));
    }

    /** The UI's filter combinations, each giving the query string of sample i (values drawn from the stored rows). */
    private static Map<String, Function<Integer, String>> combinations(Connection db, SplittableRandom random,
            int samples) throws SQLException {
        Samples drawn = Samples.read(db, samples);
        Instant newest = drawn.newest();
        Map<String, Function<Integer, String>> combos = new LinkedHashMap<>();
        combos.put("none (newest first)", i -> "");
        combos.put("event_type=task.update", i -> "&event_type=task.update");
        combos.put("event_type=task.delete (rare)", i -> "&event_type=task.delete");
        combos.put("resource_type+resource_id (history)",
                i -> "&resource_type=task&resource_id=" + drawn.task(i));
        combos.put("user_id", i -> "&user_id=" + drawn.user(i));
        combos.put("user_id + 30 days", i -> "&user_id=" + drawn.user(i) + range(newest, random, 30));
        combos.put("project_id + action=delete", i -> "&project_id=" + drawn.project(i) + "&action=delete");
        combos.put("sensitivity=critical", i -> "&sensitivity=critical");
        combos.put("sensitivity=high,critical + 7 days",
                i -> "&sensitivity=high&sensitivity=critical" + range(newest, random, 7));
        combos.put("action=login + 1 day", i -> "&action=login" + range(newest, random, 1));
        combos.put("event_type=task.update + project_id",
                i -> "&event_type=task.update&project_id=" + drawn.project(i));
        return combos;
    }

    private static String range(Instant newest, SplittableRandom random, int days) {
        Instant to = newest.minus(Duration.ofHours(random.nextInt(24 * 60)));
        return "&from=" + to.minus(Duration.ofDays(days)) + "&to=" + to;
    }

    private static List<String> sample(Connection db, String column, String where, int count) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("SELECT " + column + " FROM audit_logs TABLESAMPLE SYSTEM (1) WHERE "
                        + where + " LIMIT " + count)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        if (values.isEmpty()) {
            throw new IllegalStateException("no rows to sample " + column + " from");
        }
        return values;
    }

    private static Instant newest(Connection db) throws SQLException {
        try (Statement sql = db.createStatement();
                ResultSet row = sql.executeQuery("SELECT max(occurred_at) FROM audit_logs")) {
            row.next();
            return row.getTimestamp(1).toInstant();
        }
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1e3;
    }

    private static String fmt(double value) {
        return String.format("%.1f", value);
    }
}
