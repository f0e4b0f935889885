package io.pjctrl.audit.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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
 * later pages, over 20k analysed rows: none may read audit_logs with a sequential scan. Both the custom plan (first
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
                LoadedChain.insert(c, "plan-load-" + UUID.randomUUID().toString().substring(0, 8), ROWS, START, 42);
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
        int count = "Seq Scan".equals(node.getString("Node Type")) && "audit_logs".equals(node.getString("Relation Name"))
                ? 1
                : 0;
        JsonArray children = node.getJsonArray("Plans");
        if (children != null) {
            for (int i = 0; i < children.size(); i++) {
                count += seqScansOfAuditLogs(children.getJsonObject(i));
            }
        }
        return count;
    }
}
