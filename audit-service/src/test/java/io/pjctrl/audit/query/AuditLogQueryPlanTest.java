package io.pjctrl.audit.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.pjctrl.audit.log.AuditLogFilter;
import io.pjctrl.audit.log.AuditLogRepository;
import io.pjctrl.audit.log.KeysetCursor;
import io.pjctrl.audit.sql.SqlQuery;
import io.pjctrl.testing.InjectInfra;
import io.pjctrl.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * EXPLAINs the exact statements of GET /api/audit-logs for every filter combination the admin UI offers, first and
 * later pages, over 20k analysed rows: none may read audit_logs (a partition holding those rows) with a sequential
 * scan, and a time bound prunes the partitions of the months outside it. Both the custom plan (first
 * executions) and the generic plan (what a prepared statement settles on) are checked; the planner's cost settings
 * are left alone.
 */
@QuarkusTest
class AuditLogQueryPlanTest {

    static final int ROWS = 20_000;
    static final Instant START = Instant.parse("2019-01-01T00:00:00Z");
    static final UUID SOME_USER = UUID.randomUUID();
    static final UUID SOME_PROJECT = UUID.randomUUID();
    static boolean loaded;
    static String chainId;
    /** The monthly partitions of audit_logs (V43). */
    static final Pattern PARTITION = Pattern.compile("audit_logs_(\\d{4})_(\\d{2})");
    /**
     * The partitions holding the 20k rows. The others hold a few rows of other tests (the current month) or none (the
     * months ahead), and a sequential scan of those is what the planner rightly picks and costs nothing.
     */
    static final Pattern LOADED = Pattern.compile("audit_logs_2019_\\d{2}");

    @InjectInfra
    TestDatabase db;
    @Inject
    Pool pool;

    @BeforeEach
    void loadOnce() throws Exception {
        synchronized (AuditLogQueryPlanTest.class) {
            if (loaded) {
                return;
            }
            try (Connection c = db.connect()) {
                chainId = "plan-load-" + UUID.randomUUID().toString().substring(0, 8);
                LoadedChain.insert(c, chainId, ROWS, START, 42);
                try (Statement s = c.createStatement()) {
                    s.execute("VACUUM ANALYZE audit_logs");
                }
            }
            loaded = true;
        }
    }

    record Combination(String name, AuditLogFilter filter) {

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Combination> combinations() {
        Instant from = Instant.parse("2019-03-01T00:00:00Z");
        Instant to = Instant.parse("2019-04-01T00:00:00Z");
        List<Combination> all = new ArrayList<>();
        all.add(combo("no filter", List.of(), null, null, null, null, null, List.of(), null, null));
        all.add(combo("event_type", List.of("task.delete"), null, null, null, null, null, List.of(), null, null));
        all.add(combo("event_type x2", List.of("task.delete", "project.update"), null, null, null, null, null, List.of(), null,
                null));
        all.add(combo("resource_type", List.of(), "task", null, null, null, null, List.of(), null, null));
        all.add(combo("resource_type+resource_id", List.of(), "task", "r-17", null, null, null, List.of(), null, null));
        all.add(combo("user_id", List.of(), null, null, SOME_USER, null, null, List.of(), null, null));
        all.add(combo("project_id", List.of(), null, null, null, SOME_PROJECT, null, List.of(), null, null));
        all.add(combo("action", List.of(), null, null, null, null, "restore", List.of(), null, null));
        all.add(combo("sensitivity", List.of(), null, null, null, null, null, List.of("critical"), null, null));
        all.add(combo("sensitivity x2", List.of(), null, null, null, null, null, List.of("high", "critical"), null, null));
        all.add(combo("from+to", List.of(), null, null, null, null, null, List.of(), from, to));
        all.add(combo("from", List.of(), null, null, null, null, null, List.of(), from, null));
        all.add(combo("event_type+from+to", List.of("task.update"), null, null, null, null, null, List.of(), from, to));
        all.add(combo("resource+from+to", List.of(), "task", "r-17", null, null, null, List.of(), from, to));
        all.add(combo("user_id+from+to", List.of(), null, null, SOME_USER, null, null, List.of(), from, to));
        all.add(combo("project_id+from+to", List.of(), null, null, null, SOME_PROJECT, null, List.of(), from, to));
        all.add(combo("action+from+to", List.of(), null, null, null, null, "delete", List.of(), from, to));
        all.add(combo("sensitivity+from+to", List.of(), null, null, null, null, null, List.of("high"), from, to));
        all.add(combo("project_id+event_type", List.of("task.update"), null, null, null, SOME_PROJECT, null, List.of(), null,
                null));
        all.add(combo("user_id+event_type", List.of("user.login_failed"), null, null, SOME_USER, null, null, List.of(), null,
                null));
        all.add(combo("project_id+action+sensitivity", List.of(), null, null, null, SOME_PROJECT, "delete", List.of("high"),
                null, null));
        return all;
    }

    static Combination combo(String name, List<String> types, String resourceType, String resourceId, UUID user,
            UUID project, String action, List<String> sensitivities, Instant from, Instant to) {
        return new Combination(name,
                new AuditLogFilter(types, resourceType, resourceId, user, project, action, sensitivities, from, to));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("combinations")
    void shouldNeverSeqScanTheLogForAPage(Combination combination) {
        KeysetCursor deepCursor = new KeysetCursor(Instant.parse("2019-06-01T00:00:00Z"), UUID.randomUUID());
        for (KeysetCursor cursor : new KeysetCursor[]{null, deepCursor}) {
            SqlQuery query = AuditLogRepository.pageQuery(combination.filter(), cursor, 51);
            for (String mode : List.of("force_custom_plan", "force_generic_plan")) {
                JsonObject plan = explain(query, mode);
                assertThat(seqScansOfAuditLogs(plan)).as("%s, cursor %s, %s:\n%s", combination, cursor != null, mode,
                        plan.encodePrettily()).isZero();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("combinations")
    void shouldCountTotalsWithoutSeqScanningTheLog(Combination combination) {
        SqlQuery query = AuditLogRepository.countQuery(combination.filter());
        JsonObject plan = explain(query, "force_custom_plan");
        assertThat(seqScansOfAuditLogs(plan)).as("%s:\n%s", combination, plan.encodePrettily()).isZero();
    }

    /**
     * audit_logs is partitioned by month of occurred_at (V43): a page, a count, an export and a history with a time
     * bound read only the partitions of the months in range, in the custom plan and in the generic one (pruned when
     * the statement starts). The log here holds 2019-01..2020-01 plus the service's current and coming months.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("combinations")
    void shouldReadOnlyThePartitionsOfTheMonthsInRange(Combination combination) {
        AuditLogFilter filter = combination.filter();
        KeysetCursor deepCursor = new KeysetCursor(Instant.parse("2019-06-01T00:00:00Z"), UUID.randomUUID());
        List<SqlQuery> queries = List.of(AuditLogRepository.pageQuery(filter, null, 51),
                AuditLogRepository.pageQuery(filter, deepCursor, 51), AuditLogRepository.countQuery(filter),
                AuditLogRepository.exportQuery(filter));
        for (int i = 0; i < queries.size(); i++) {
            boolean deep = i == 1;
            for (String mode : List.of("force_custom_plan", "force_generic_plan")) {
                JsonObject plan = explain(queries.get(i), mode);
                Set<String> read = partitionsRead(plan);
                assertThat(read).as("%s, query %d, %s:\n%s", combination, i, mode, plan.encodePrettily()).isNotEmpty()
                        .allSatisfy(partition -> assertThat(month(partition))
                                .isBetween(firstMonth(filter), lastMonth(filter, deep ? deepCursor.at() : null)));
            }
        }
    }

    /**
     * The activity stats over a month (GET /api/audit-logs/stats, day buckets): only that month's partitions are read,
     * never by a sequential scan, whether the whole hours come from audit_activity (no resource, user or project
     * filter: only the partial hours at the range's ends are read from audit_logs) or from the filter's index.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("combinations")
    void shouldCountActivityFromTheMonthOfTheRangeOnly(Combination combination) {
        Instant from = Instant.parse("2019-03-01T00:20:00Z");
        Instant to = Instant.parse("2019-03-31T23:40:00Z");
        AuditLogFilter filter = combination.filter().withRange(from, to);
        List<Instant> starts = new ArrayList<>();
        for (Instant day = Instant.parse("2019-03-01T00:00:00Z"); !day.isAfter(to); day = day.plusSeconds(86_400)) {
            starts.add(day);
        }
        SqlQuery query = AuditLogRepository.activityQuery(filter, starts);
        for (String mode : List.of("force_custom_plan", "force_generic_plan")) {
            JsonObject plan = explain(query, mode);
            assertThat(seqScansOfAuditLogs(plan)).as("%s, %s:\n%s", combination, mode, plan.encodePrettily()).isZero();
            assertThat(partitionsRead(plan)).as("%s, %s:\n%s", combination, mode, plan.encodePrettily())
                    .allSatisfy(partition -> assertThat(partition).isEqualTo("audit_logs_2019_03"));
        }
    }

    /**
     * Verify's walk of a seq range reads each partition through its (chain_id, seq) index: a chain's entries may lie in
     * any month, so every partition is probed once, none scanned.
     */
    @Test
    void shouldWalkAChainRangeThroughTheChainIndexOfEveryPartition() {
        SqlQuery query = AuditLogRepository.chainQuery(chainId, 5_000, 5_100);
        for (String mode : List.of("force_custom_plan", "force_generic_plan")) {
            JsonObject plan = explain(query, mode);
            assertThat(seqScansOfAuditLogs(plan)).as("%s:\n%s", mode, plan.encodePrettily()).isZero();
            assertThat(partitionsRead(plan)).as("%s:\n%s", mode, plan.encodePrettily())
                    .contains("audit_logs_2019_01", "audit_logs_2019_12");
            assertThat(indexesUsed(plan)).as("%s:\n%s", mode, plan.encodePrettily()).isNotEmpty()
                    .allMatch(index -> index.endsWith("_chain_id_seq_idx"));
        }
    }

    @ParameterizedTest(name = "as_of {0}")
    @ValueSource(strings = {"2019-02-10T00:00:00Z", "2019-11-30T23:59:59Z"})
    void shouldReadAHistoryAsOfAnInstantFromTheMonthsUpToIt(String asOf) {
        SqlQuery query = AuditLogRepository.timelineQuery("task", "r-17", Instant.parse(asOf));
        for (String mode : List.of("force_custom_plan", "force_generic_plan")) {
            JsonObject plan = explain(query, mode);
            assertThat(partitionsRead(plan)).as("%s:\n%s", mode, plan.encodePrettily()).isNotEmpty()
                    .allSatisfy(partition -> assertThat(month(partition)).isBetween(YearMonth.of(1, 1),
                            YearMonth.from(Instant.parse(asOf).atOffset(ZoneOffset.UTC))));
        }
    }

    private static YearMonth firstMonth(AuditLogFilter filter) {
        return filter.from() == null ? YearMonth.of(1, 1) : YearMonth.from(filter.from().atOffset(ZoneOffset.UTC));
    }

    private static YearMonth lastMonth(AuditLogFilter filter, Instant cursor) {
        YearMonth last = YearMonth.of(9999, 12);
        for (Instant bound : new Instant[]{filter.to(), cursor}) {
            if (bound != null && YearMonth.from(bound.atOffset(ZoneOffset.UTC)).isBefore(last)) {
                last = YearMonth.from(bound.atOffset(ZoneOffset.UTC));
            }
        }
        return last;
    }

    private static YearMonth month(String partition) {
        Matcher m = PARTITION.matcher(partition);
        assertThat(m.matches()).as(partition).isTrue();
        return YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** The indexes a plan reads. */
    static Set<String> indexesUsed(JsonObject node) {
        Set<String> used = new TreeSet<>();
        if (node.getString("Index Name") != null) {
            used.add(node.getString("Index Name"));
        }
        JsonArray children = node.getJsonArray("Plans");
        if (children != null) {
            for (int i = 0; i < children.size(); i++) {
                used.addAll(indexesUsed(children.getJsonObject(i)));
            }
        }
        return used;
    }

    /** The partitions of audit_logs a plan scans. */
    static Set<String> partitionsRead(JsonObject node) {
        Set<String> read = new TreeSet<>();
        String relation = node.getString("Relation Name");
        if (relation != null && PARTITION.matcher(relation).matches()) {
            read.add(relation);
        }
        JsonArray children = node.getJsonArray("Plans");
        if (children != null) {
            for (int i = 0; i < children.size(); i++) {
                read.addAll(partitionsRead(children.getJsonObject(i)));
            }
        }
        return read;
    }

    private JsonObject explain(SqlQuery query, String planCacheMode) {
        return pool.withConnection(connection -> connection.query("SET plan_cache_mode = " + planCacheMode)
                .execute()
                .chain(() -> explainOn(connection, query))
                .call(() -> connection.query("RESET plan_cache_mode").execute()))
                .await()
                .indefinitely();
    }

    private static io.smallrye.mutiny.Uni<JsonObject> explainOn(SqlConnection connection, SqlQuery query) {
        return connection.preparedQuery("EXPLAIN (FORMAT JSON) " + query.sql())
                .execute(query.args())
                .map(rows -> {
                    Row row = rows.iterator().next();
                    Object value = row.getValue(0);
                    JsonArray array = value instanceof JsonArray a ? a : new JsonArray(value.toString());
                    return array.getJsonObject(0).getJsonObject("Plan");
                });
    }

    static int seqScansOfAuditLogs(JsonObject node) {
        String relation = node.getString("Relation Name");
        boolean log = "audit_logs".equals(relation) || relation != null && LOADED.matcher(relation).matches();
        int count = "Seq Scan".equals(node.getString("Node Type")) && log ? 1 : 0;
        JsonArray children = node.getJsonArray("Plans");
        if (children != null) {
            for (int i = 0; i < children.size(); i++) {
                count += seqScansOfAuditLogs(children.getJsonObject(i));
            }
        }
        return count;
    }
}
