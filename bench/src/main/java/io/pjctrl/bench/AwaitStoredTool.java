package io.pjctrl.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Waits until audit-service has stored the expected number of entries and reports when. Progress is read as the sum
 * over chains of max(seq), found with a loose index scan over the unique (chain_id, seq) index: a few index probes per
 * poll, so polling every 100 ms costs the measured system next to nothing (a count(*) would scan the table). seq is
 * dense per chain and a batch becomes visible at its commit, so the sum is the number of committed entries; the
 * final count(*) checks that. With {@code --already N} (entries stored before this run, e.g. by an earlier phase) the
 * times and rates are those of the {@code expected - N} entries after them.
 */
final class AwaitStoredTool {

    private static final String STORED = """
            WITH RECURSIVE chains AS (
                SELECT min(chain_id) AS id FROM audit_logs
                UNION ALL
                SELECT (SELECT min(chain_id) FROM audit_logs WHERE chain_id > chains.id) FROM chains WHERE chains.id IS NOT NULL)
            SELECT coalesce(sum((SELECT max(seq) FROM audit_logs a WHERE a.chain_id = chains.id)), 0)
            FROM chains WHERE id IS NOT NULL""";

    private AwaitStoredTool() {
    }

    static void run(Args args) throws Exception {
        long expected = args.number("expected", 1);
        long already = args.number("already", 0);
        long launchedAt = args.number("launched-at-ms", System.currentTimeMillis());
        long timeoutMs = args.number("timeout-s", 600) * 1_000;
        long intervalMs = args.number("interval-ms", 100);
        long pid = args.number("pid", 0);
        long firstAt = 0;
        long stored = 0;
        long lastReport = 0;
        long deadline = System.currentTimeMillis() + timeoutMs;
        try (Connection db = connectWhenReady(args, deadline)) {
            while (stored < expected && System.currentTimeMillis() < deadline) {
                stored = stored(db);
                long now = System.currentTimeMillis();
                if (stored > already && firstAt == 0) {
                    firstAt = now;
                }
                if (now - lastReport >= 5_000) {
                    System.out.printf("  %6.1f s: %d of %d stored%n", (now - launchedAt) / 1e3, stored, expected);
                    lastReport = now;
                }
                if (pid > 0 && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
                    System.out.printf("FAILED: the measured process %d exited with %d of %d stored%n", pid, stored,
                            expected);
                    System.exit(1);
                }
                if (stored < expected) {
                    Thread.sleep(intervalMs);
                }
            }
            long doneAt = System.currentTimeMillis();
            if (stored < expected) {
                System.out.printf("TIMEOUT: %d of %d stored after %.1f s%n", stored, expected, (doneAt - launchedAt) / 1e3);
                System.exit(1);
            }
            Thread.sleep(1_000); // anything beyond the expected count (duplicates stored twice) shows up in the check
            report(db, expected, expected - already, launchedAt, firstAt, doneAt);
        }
    }

    private static void report(Connection db, long expected, long measured, long launchedAt, long firstAt, long doneAt)
            throws SQLException {
        try (Statement sql = db.createStatement();
                ResultSet check = sql.executeQuery(
                        "SELECT count(*), count(DISTINCT event_id), count(DISTINCT chain_id) FROM audit_logs")) {
            check.next();
            long rows = check.getLong(1);
            long distinct = check.getLong(2);
            System.out.printf("stored rows=%d distinct_event_ids=%d chains=%d%n", rows, distinct, check.getLong(3));
            boolean dense = dense(sql);
            System.out.printf("chains dense (max(seq) = count per chain): %s%n", dense);
            double fromLaunch = (doneAt - launchedAt) / 1e3;
            double fromFirst = (doneAt - firstAt) / 1e3;
            System.out.printf("launched -> first entry stored: %.2f s%n", (firstAt - launchedAt) / 1e3);
            System.out.printf("launched -> all stored: %.2f s = %.0f events/s%n", fromLaunch, measured / fromLaunch);
            System.out.printf("first stored -> all stored: %.2f s = %.0f events/s%n", fromFirst, measured / fromFirst);
            System.out.printf("RESULT drain_seconds=%.3f steady_seconds=%.3f rows=%d ok=%s%n", fromLaunch, fromFirst,
                    rows, rows == expected && distinct == expected && dense);
            if (rows != expected || distinct != expected || !dense) {
                System.out.println("FAILED: stored rows do not match the expected unique events");
                System.exit(1);
            }
        }
    }

    private static boolean dense(Statement sql) throws SQLException {
        try (ResultSet chains = sql.executeQuery(
                "SELECT bool_and(n = top AND low = 1) FROM (SELECT count(*) n, max(seq) top, min(seq) low FROM audit_logs GROUP BY chain_id) c")) {
            chains.next();
            return chains.getBoolean(1);
        }
    }

    private static long stored(Connection db) throws SQLException {
        try (Statement sql = db.createStatement(); ResultSet result = sql.executeQuery(STORED)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return 0; // audit_logs not migrated yet: the service is still starting
            }
            throw e;
        }
    }

    private static Connection connectWhenReady(Args args, long deadline) throws Exception {
        while (true) {
            try {
                return Db.connect(args);
            } catch (SQLException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }
}
