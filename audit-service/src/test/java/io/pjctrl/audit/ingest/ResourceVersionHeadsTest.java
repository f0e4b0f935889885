package io.pjctrl.audit.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.pjctrl.audit.log.ResourceHeads;
import io.pjctrl.audit.log.ResourceHeads.BatchVersion;
import io.pjctrl.audit.log.ResourceHeads.ChainSeq;
import io.pjctrl.audit.testsupport.CopiedChain;
import io.pjctrl.audit.testsupport.TestEvent;
import io.pjctrl.audit.testsupport.TestEvents;
import io.pjctrl.contract.chain.AuditEntry;
import io.pjctrl.contract.chain.CanonicalJson;
import io.pjctrl.contract.chain.Checksums;
import io.pjctrl.contract.chain.EntrySource;
import io.pjctrl.contract.chain.Timestamps;
import io.pjctrl.testing.InjectInfra;
import io.pjctrl.testing.TestDatabase;
import io.pjctrl.testing.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The version check of a resource with 100,000 stored versioned events: new events continue its versions through
 * the whole ingest, a skipped and a repeated version are still gaps, and the check's statements, EXPLAINed with
 * ANALYZE and BUFFERS on tables nothing has analysed, probe the heads' primary key and touch a handful of pages, not
 * the resource's history. Also: entries stored without the heads (a pod of the previous version during a rollout) are
 * folded in before a chain's next batch is checked, and a second transaction with the same resource waits for the
 * first one's head.
 */
@QuarkusTest
@TestProfile(ResourceVersionHeadsTest.OwnApplication.class)
class ResourceVersionHeadsTest {

    /** An application (and so a database) of its own: its 100,000 rows stay out of every other test's log. */
    public static class OwnApplication implements QuarkusTestProfile {
    }

    static final int HISTORY = 100_000;
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Far above the check's few index and heap pages, far below the thousands a walk over the history touches. */
    static final long MAX_PAGES = 100;
    /** The version check's lookup before V42 (AuditLogWriter's MAX_VERSIONS then). */
    static final String PRE_V42_MAX_VERSIONS = """
            SELECT r.resource_type, r.resource_id, max(l.aggregate_version) AS version
            FROM unnest($1::text[], $2::text[]) AS r(resource_type, resource_id)
            JOIN audit_logs l ON l.resource_type = r.resource_type AND l.resource_id = r.resource_id
                              AND l.aggregate_version > 0
            GROUP BY r.resource_type, r.resource_id
            """;

    @InjectInfra
    KafkaCompanion kafka;
    @InjectInfra
    TestTopics topics;
    @InjectInfra
    TestDatabase database;
    @Inject
    Pool pool;
    @Inject
    ResourceHeads heads;

    @Test
    void shouldCheckTheVersionsOfAResourceWithAHundredThousandStoredEventsAgainstItsHeadOnly() throws Exception {
        String resource = UUID.randomUUID().toString();
        String historyChain = "hot-" + resource.substring(0, 8);
        List<AuditEntry> history = new ArrayList<>(HISTORY);
        for (int v = 1; v <= HISTORY; v++) {
            history.add(entry(historyChain, v, resource, v, null));
        }
        try (Connection c = database.connect()) {
            CopiedChain.copy(c, Checksums.GENESIS, history);
        }
        // Stored without the heads, as a bulk load would: the catch-up the next batch of that chain runs folds them in.
        inTransaction(conn -> heads.catchUp(conn, List.of(new ChainSeq(historyChain, HISTORY))));
        assertThat(head(resource)).isEqualTo(HISTORY);

        TestEvents events = new TestEvents(kafka, topics, database);
        List<TestEvent> next = new ArrayList<>();
        for (long v = HISTORY + 1; v <= HISTORY + 20; v++) {
            next.add(TestEvent.of("task.update").resource("task", resource).aggregateVersion(v).partition(1));
        }
        events.publishAndAwait(next);
        assertThat(gaps(resource)).isEmpty();
        assertThat(head(resource)).isEqualTo(HISTORY + 20);

        TestEvent skipped = TestEvent.of("task.update").resource("task", resource).aggregateVersion(HISTORY + 22)
                .partition(1);
        events.publishAndAwait(skipped);
        TestEvent repeated = TestEvent.of("task.update").resource("task", resource).aggregateVersion(HISTORY + 22)
                .partition(1);
        events.publishAndAwait(repeated);
        assertThat(gaps(resource)).containsExactlyInAnyOrder(
                (HISTORY + 21) + "->" + (HISTORY + 22) + " " + skipped.eventId(),
                (HISTORY + 23) + "->" + (HISTORY + 22) + " " + repeated.eventId());
        assertThat(head(resource)).isEqualTo(HISTORY + 22);

        // The bound tells the shapes apart: the lookup before V42 walks the resource's history.
        JsonObject before = explainAnalyzed("force_custom_plan", PRE_V42_MAX_VERSIONS,
                Tuple.of(new String[]{"task"}, new String[]{resource}));
        assertThat(pages(before)).as(before.encodePrettily()).isGreaterThan(10 * MAX_PAGES);

        List<String> bySeq = chainSeqIndexes();
        for (String mode : List.of("force_custom_plan", "force_generic_plan")) {
            JsonObject advance = explainAnalyzed(mode, ResourceHeads.ADVANCE, Tuple.from(new Object[]{
                    new String[]{"task"}, new String[]{resource}, new Long[]{HISTORY + 23L},
                    new String[]{"plan-check"}, new Long[]{1L}}));
            assertThat(nodes(advance, "Seq Scan")).as("%s:\n%s", mode, advance.encodePrettily()).isEmpty();
            assertThat(nodes(advance, "Sort")).as("%s:\n%s", mode, advance.encodePrettily()).isEmpty();
            assertThat(arbiters(advance)).as("%s:\n%s", mode, advance.encodePrettily())
                    .containsExactlyInAnyOrder("audit_resource_heads_pkey", "audit_resource_head_chains_pkey");
            assertThat(pages(advance)).as("%s:\n%s", mode, advance.encodePrettily()).isLessThan(MAX_PAGES);

            JsonObject catchUp = explainAnalyzed(mode, ResourceHeads.CATCH_UP, Tuple.of(new String[]{historyChain},
                    new Long[]{HISTORY - 10L}, new Long[]{(long) HISTORY}));
            // A month partition of a few pages (this month's, holding other tests' rows) is rightly scanned: the
            // planner picks that over an index there. No partition holding the history may be.
            assertThat(nodes(catchUp, "Seq Scan")).as("%s:\n%s", mode, catchUp.encodePrettily())
                    .allSatisfy(scan -> assertThat(scan.getInteger("Shared Hit Blocks")
                            + scan.getInteger("Shared Read Blocks")).isLessThanOrEqualTo(TINY_PARTITION_PAGES));
            // By (chain_id, seq): audit_logs_chain_position today, one such index per partition once the log is
            // partitioned; any other index or a scan would not bound the work by the lag.
            assertThat(indexes(catchUp)).as("%s:\n%s", mode, catchUp.encodePrettily()).isNotEmpty()
                    .isSubsetOf(bySeq);
            assertThat(pages(catchUp)).as("%s:\n%s", mode, catchUp.encodePrettily()).isLessThan(MAX_PAGES);
        }
    }

    @Test
    void shouldFoldInEntriesStoredWithoutTheHeadsBeforeCheckingTheirChainsNextBatch() throws Exception {
        String resource = UUID.randomUUID().toString();
        String chain = "events-2";
        try (Connection c = database.connect()) {
            long[] head = chainHead(c, chain);
            String prev = head == null ? Checksums.GENESIS : lastChecksum(c, chain);
            long seq = head == null ? 0 : head[0];
            List<AuditEntry> olderPod = new ArrayList<>();
            for (int v = 1; v <= 3; v++) {
                olderPod.add(entry(chain, seq + v, resource, v, new EntrySource(2, 1_000_000_000L + seq + v)));
            }
            CopiedChain.copy(c, prev, olderPod);
        }

        TestEvents events = new TestEvents(kafka, topics, database);
        events.publishAndAwait(TestEvent.of("task.update").resource("task", resource).aggregateVersion(4).partition(2));
        assertThat(gaps(resource)).isEmpty();
        assertThat(head(resource)).isEqualTo(4);

        TestEvent skipped = TestEvent.of("task.update").resource("task", resource).aggregateVersion(6).partition(2);
        events.publishAndAwait(skipped);
        assertThat(gaps(resource)).containsExactly("5->6 " + skipped.eventId());
    }

    @Test
    void shouldMakeASecondTransactionWaitForTheHeadOfAResourceTheFirstHolds() {
        String resource = UUID.randomUUID().toString();
        SqlConnection first = pool.getConnection().await().atMost(TIMEOUT);
        SqlConnection second = pool.getConnection().await().atMost(TIMEOUT);
        try {
            int secondPid = second.query("SELECT pg_backend_pid()").execute().await().atMost(TIMEOUT).iterator().next()
                    .getInteger(0);
            first.query("BEGIN").execute().await().atMost(TIMEOUT);
            assertThat(heads.advance(first, List.of(new BatchVersion("task", resource, 5)), List.of()).await()
                    .atMost(TIMEOUT)).containsValue(0L);

            second.query("BEGIN").execute().await().atMost(TIMEOUT);
            var waiting = heads.advance(second, List.of(new BatchVersion("task", resource, 6)), List.of())
                    .subscribeAsCompletionStage();
            awaitLockWait(secondPid);
            assertThat(waiting).isNotDone();

            first.query("COMMIT").execute().await().atMost(TIMEOUT);
            assertThat(Uni.createFrom().completionStage(waiting).await().atMost(TIMEOUT)).containsValue(5L);
            second.query("COMMIT").execute().await().atMost(TIMEOUT);
            assertThat(head(resource)).isEqualTo(6);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            first.closeAndAwait();
            second.closeAndAwait();
        }
    }

    private static AuditEntry entry(String chainId, long seq, String resource, long version, EntrySource source) {
        Instant at = Timestamps.truncate(Instant.parse("2026-06-01T00:00:00Z").plusMillis(seq));
        return new AuditEntry(UUID.randomUUID(), UUID.randomUUID(), "task.update", "/pjctrl/project-service", "task",
                resource, UUID.randomUUID(), UUID.randomUUID(), "member", "update",
                CanonicalJson.parse("{\"estimate\":{\"new\":" + version + ",\"old\":" + (version - 1) + "}}"),
                CanonicalJson.parse("{\"ip\":\"10.1.2.3\",\"request_id\":\"r-" + seq + "\",\"trace_id\":null,"
                        + "\"user_agent\":\"load\"}"),
                "low", version, at, at, chainId, seq, source);
    }

    private void inTransaction(Function<SqlConnection, Uni<Void>> work) {
        pool.withTransaction(work).await().atMost(TIMEOUT);
    }

    /** The plan, executed in a transaction that is rolled back, with the actual rows and pages of every node. */
    private JsonObject explainAnalyzed(String planCacheMode, String sql, Tuple args) {
        return pool.withConnection(conn -> conn.begin()
                .chain(tx -> conn.query("SET LOCAL plan_cache_mode = " + planCacheMode).execute()
                        .chain(() -> conn.preparedQuery("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql).execute(args))
                        .call(() -> tx.rollback())))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    Object value = row.getValue(0);
                    JsonArray array = value instanceof JsonArray a ? a : new JsonArray(value.toString());
                    return array.getJsonObject(0).getJsonObject("Plan");
                })
                .await()
                .atMost(TIMEOUT);
    }

    /** At most this many pages a partition scanned sequentially may read (a tiny month, not the history's). */
    private static final int TINY_PARTITION_PAGES = 10;

    private static List<JsonObject> nodes(JsonObject node, String type) {
        List<JsonObject> found = new ArrayList<>();
        if (type.equals(node.getString("Node Type"))) {
            found.add(node);
        }
        JsonArray children = node.getJsonArray("Plans");
        for (int i = 0; children != null && i < children.size(); i++) {
            found.addAll(nodes(children.getJsonObject(i), type));
        }
        return found;
    }

    private static List<String> arbiters(JsonObject node) {
        List<String> found = new ArrayList<>();
        for (JsonObject modify : nodes(node, "ModifyTable")) {
            JsonArray names = modify.getJsonArray("Conflict Arbiter Indexes");
            for (int i = 0; names != null && i < names.size(); i++) {
                found.add(names.getString(i));
            }
        }
        return found;
    }

    /** Indexes of audit_logs (or of its partitions) whose columns are exactly (chain_id, seq). */
    private List<String> chainSeqIndexes() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = database.connect();
                PreparedStatement s = c.prepareStatement("SELECT indexname FROM pg_indexes WHERE tablename LIKE 'audit_logs%'"
                        + " AND indexdef LIKE '%(chain_id, seq)'");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** The indexes the plan reads audit_logs through (index, index-only and bitmap scans). */
    private static List<String> indexes(JsonObject plan) {
        List<String> found = new ArrayList<>();
        for (String type : List.of("Index Scan", "Index Only Scan", "Bitmap Index Scan")) {
            nodes(plan, type).forEach(n -> found.add(n.getString("Index Name")));
        }
        return found;
    }

    /**
     * Shared pages the statement touched: the top node's counts include its children's; a data-modifying CTE may run
     * after the main query, outside them, so its own are added (counted twice at worst, never missed).
     */
    private static long pages(JsonObject plan) {
        long pages = blocks(plan);
        JsonArray children = plan.getJsonArray("Plans");
        for (int i = 0; children != null && i < children.size(); i++) {
            JsonObject child = children.getJsonObject(i);
            if (child.getString("Subplan Name", "").startsWith("CTE")) {
                pages += blocks(child);
            }
        }
        return pages;
    }

    private static long blocks(JsonObject node) {
        return node.getLong("Shared Hit Blocks", 0L) + node.getLong("Shared Read Blocks", 0L);
    }

    private void awaitLockWait(int pid) throws SQLException {
        Instant deadline = Instant.now().plus(TIMEOUT);
        try (Connection c = database.connect();
                PreparedStatement s = c.prepareStatement("SELECT wait_event_type FROM pg_stat_activity WHERE pid = ?")) {
            s.setInt(1, pid);
            while (Instant.now().isBefore(deadline)) {
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next() && "Lock".equals(rs.getString(1))) {
                        return;
                    }
                }
                sleep();
            }
        }
        throw new AssertionError("the second transaction never waited for a lock");
    }

    private long head(String resource) throws SQLException {
        try (Connection c = database.connect();
                PreparedStatement s = c.prepareStatement(
                        "SELECT version FROM audit_resource_heads WHERE resource_type = 'task' AND resource_id = ?")) {
            s.setString(1, resource);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** The recorded gaps of a resource as "expected->received event_id". */
    private List<String> gaps(String resource) throws SQLException {
        List<String> gaps = new ArrayList<>();
        try (Connection c = database.connect();
                PreparedStatement s = c.prepareStatement("SELECT expected_version, received_version, event_id"
                        + " FROM audit_version_gaps WHERE resource_type = 'task' AND resource_id = ?")) {
            s.setString(1, resource);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    gaps.add(rs.getLong(1) + "->" + rs.getLong(2) + " " + rs.getObject(3, UUID.class));
                }
            }
        }
        return gaps;
    }

    private static long[] chainHead(Connection c, String chain) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT max(seq) FROM audit_logs WHERE chain_id = ?")) {
            s.setString(1, chain);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                long seq = rs.getLong(1);
                return rs.wasNull() ? null : new long[]{seq};
            }
        }
    }

    private static String lastChecksum(Connection c, String chain) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT checksum FROM audit_logs WHERE chain_id = ? ORDER BY seq DESC LIMIT 1")) {
            s.setString(1, chain);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
