package io.pjctrl.audit.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pjctrl.audit.testsupport.CopiedChain;
import io.pjctrl.audit.testsupport.MigratedDatabase;
import io.pjctrl.audit.testsupport.StoredChains;
import io.pjctrl.contract.chain.AuditEntry;
import io.pjctrl.contract.chain.CanonicalJson;
import io.pjctrl.contract.chain.Checksums;
import io.pjctrl.contract.chain.Timestamps;
import io.pjctrl.contract.event.ValidEvent;
import io.pjctrl.testing.TestDatabase;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * V48 on a database of the previous version (V43) holding history: the backfill names every resource exactly as the
 * ingest's rules (NameFields, one batch of the same events) name it, the chains still verify, and the ingest goes on
 * from the backfilled rows (older events do not override them, newer ones do).
 */
class DirectoryMigrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    private MigratedDatabase scratch;
    private TestDatabase db;
    private Pool pool;
    private final List<ValidEvent> history = new ArrayList<>();

    @BeforeEach
    void createDatabase() {
        scratch = MigratedDatabase.create();
        db = scratch.db();
        pool = scratch.pool();
    }

    @AfterEach
    void dropDatabase() {
        scratch.close();
    }

    @Test
    void shouldBackfillTheNamesTheIngestWouldHaveLearned() throws Exception {
        scratch.migrate("43");
        // Stored out of version order on purpose: "latest" is the highest version, not the last row.
        event("user", "u1", 1, 0,
                "{\"display_name\":{\"new\":\"Dana\"},\"email\":{\"new\":\"dana@x\"},\"role\":{\"new\":\"member\"}}");
        event("user", "u1", 3, 1, "{\"email\":{\"old\":\"dana@y\",\"new\":\"dana@z\"}}");
        event("user", "u1", 2, 2,
                "{\"display_name\":{\"old\":\"Dana\",\"new\":\"Dana R\"},\"email\":{\"old\":\"dana@x\",\"new\":\"dana@y\"}}");
        event("user", "u1", 4, 3, "{\"role\":{\"old\":\"member\",\"new\":\"admin\"}}");
        event("user", "u1", 0, 4, "{\"email\":{\"new\":\"typo@x\"},\"reason\":{\"new\":\"wrong_password\"}}");
        event("user", null, 0, 5, "{\"email\":{\"new\":\"nobody@x\"},\"reason\":{\"new\":\"unknown_email\"}}");
        event("task", "t1", 1, 6, "{\"title\":{\"new\":\"Draft\"},\"status\":{\"new\":\"todo\"}}");
        event("task", "t1", 2, 7, "{\"title\":{\"old\":\"Draft\",\"new\":\"Fix login bug\"}}");
        event("task", "t1", 3, 8, "{\"status\":{\"old\":\"todo\",\"new\":\"done\"}}");
        event("task", "t1", 4, 9, "{\"title\":{\"old\":\"Fix login bug\"},\"status\":{\"old\":\"done\"}}");
        event("task", "t2", 1, 10, "{\"status\":{\"new\":\"todo\"}}");
        event("project", "p1", 1, 11, "{\"name\":{\"new\":\"Apollo\"},\"description\":{\"new\":\"x\"}}");
        event("blocker", "b1", 1, 12, "{\"description\":{\"new\":\"" + "é".repeat(600) + "\"}}");
        event("attachment", "a1", 1, 13, "{\"name\":{\"new\":\"spec.pdf\"}}");
        store();

        scratch.migrate(null);
        Map<String, String> expected = asIngestWould(history);
        assertThat(directory()).isEqualTo(expected)
                .containsEntry("user/u1", "Dana R|dana@z|2|3")
                .containsEntry("task/t1", "Fix login bug|null|4|null")
                .containsEntry("project/p1", "Apollo|null|1|null")
                .doesNotContainKeys("task/t2", "attachment/a1", "user/null");
        assertThat(directory().get("blocker/b1")).startsWith("é".repeat(500) + "|");
        assertThat(StoredChains.verifyAll(db)).isEmpty();

        // The ingest goes on from there: an old version changes nothing, a new one replaces only its own field.
        learn(List.of(valid("user", "u1", 1, "{\"display_name\":{\"old\":\"Dana\",\"new\":\"Stale\"}}"),
                valid("user", "u1", 5, "{\"email\":{\"old\":\"dana@z\",\"new\":\"dana@new\"}}")));
        assertThat(directory()).containsEntry("user/u1", "Dana R|dana@new|2|5");
    }

    @Test
    void shouldKeepAnErasedUserErased() throws Exception {
        scratch.migrate(null);
        DirectoryRepository directory = new DirectoryRepository(pool);
        String dana = UUID.randomUUID().toString();
        String never = UUID.randomUUID().toString();
        learn(List.of(valid("user", dana, 1, "{\"display_name\":{\"new\":\"Dana\"},\"email\":{\"new\":\"d@x\"}}")));
        for (String erased : List.of(dana, never)) {
            pool.withTransaction(c -> directory.forget(c, UUID.fromString(erased), Instant.now())).await().atMost(TIMEOUT);
        }
        assertThat(directory()).containsEntry("user/" + dana, "null|null|null|null")
                .containsEntry("user/" + never, "null|null|null|null");

        learn(List.of(valid("user", dana, 9, "{\"display_name\":{\"old\":\"Dana\",\"new\":\"Back\"}}"),
                valid("user", never, 1, "{\"email\":{\"new\":\"late@x\"}}")));
        assertThat(directory()).containsEntry("user/" + dana, "null|null|null|null")
                .containsEntry("user/" + never, "null|null|null|null");
        assertThatThrownBy(() -> execute("UPDATE audit_directory SET name = 'x', name_version = 1, name_occurred_at = now()"
                + " WHERE resource_id = '" + dana + "'"))
                .isInstanceOf(SQLException.class).hasMessageContaining("check");
    }

    @Test
    void shouldSearchThroughTheTrigramIndexes() throws Exception {
        scratch.migrate(null);
        List<ValidEvent> many = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            titles.add("Task " + UUID.randomUUID());
            many.add(valid(i % 2 == 0 ? "task" : "project", "r" + i, 1, "{\"" + (i % 2 == 0 ? "title" : "name")
                    + "\":{\"new\":\"" + titles.get(i) + "\"}}"));
        }
        learn(many);
        String part = titles.get(1234).substring(5, 13);
        StringBuilder plan = new StringBuilder();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            // With statistics (autovacuum's analyse in production; V48 analyses after its backfill; here by hand, as
            // autovacuum is off) the planner takes both trigram indexes (a BitmapOr, about 1 ms at 100,000 names). A
            // predicate they cannot serve (lower(name) LIKE, say) gets a sequential scan whatever the statistics.
            s.execute("ANALYZE audit_directory");
            s.execute("PREPARE search(text, text, text, int) AS " + DirectoryRepository.SEARCH);
            String sql = "EXECUTE search('%" + part + "%', 'task', '" + part + "%', 10)";
            try (ResultSet rs = s.executeQuery("EXPLAIN " + sql)) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
        }
        assertThat(plan.toString()).contains("audit_directory_name_trgm").contains("audit_directory_email_trgm")
                .doesNotContain("Seq Scan");
    }

    /** What the ingest learns from the same events in one batch, in the directory()'s form. */
    private static Map<String, String> asIngestWould(List<ValidEvent> events) {
        Map<String, String> rows = new TreeMap<>();
        for (DirectoryRepository.Learning row : DirectoryRepository.latestPerResource(events)) {
            rows.put(row.resourceType + "/" + row.resourceId, (row.name == null ? null : row.name.name()) + "|"
                    + (row.email == null ? null : row.email.email()) + "|"
                    + (row.name == null ? null : row.name.version()) + "|"
                    + (row.email == null ? null : row.email.version()));
        }
        return rows;
    }

    private void learn(List<ValidEvent> events) {
        DirectoryRepository directory = new DirectoryRepository(pool);
        pool.withTransaction(c -> directory.learn(c, events)).await().atMost(TIMEOUT);
    }

    private void event(String type, String id, long version, int second, String changes) {
        history.add(new ValidEvent(UUID.randomUUID(), type + ".update", "/pjctrl/project-service", type, id, null,
                UUID.randomUUID(), "member", "update", CanonicalJson.parse(changes),
                CanonicalJson.parse("{\"ip\":\"10.0.0.1\",\"request_id\":null,\"trace_id\":null,\"user_agent\":\"t\"}"),
                "10.0.0.1", version, T0.plusSeconds(second), 0, second));
    }

    private static ValidEvent valid(String type, String id, long version, String changes) {
        return new ValidEvent(UUID.randomUUID(), type + ".update", "/pjctrl/project-service", type, id, null, null, null,
                "update", CanonicalJson.parse(changes), CanonicalJson.parse("{}"), null, version, T0.plusSeconds(100),
                0, 0);
    }

    /** The history as a writer of V43 stored it: one chain, in list order. */
    private void store() throws SQLException {
        List<AuditEntry> rows = new ArrayList<>();
        long seq = 0;
        for (ValidEvent e : history) {
            seq++;
            Instant at = Timestamps.truncate(e.occurredAt());
            rows.add(new AuditEntry(UUID.randomUUID(), e.eventId(), e.eventType(), e.source(), e.resourceType(),
                    e.resourceId(), null, e.userId(), e.actorRole(), e.action(), e.changes(), e.requestMetadata(), "low",
                    e.aggregateVersion(), at, at, "events-0", seq, null));
        }
        try (Connection c = db.connect()) {
            CopiedChain.copy(c, Checksums.GENESIS, rows);
        }
    }

    /** type/id -> name|email|name_version|email_version. */
    private Map<String, String> directory() throws SQLException {
        Map<String, String> rows = new TreeMap<>();
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT resource_type, resource_id, name, email, name_version, email_version"
                        + " FROM audit_directory")) {
            while (rs.next()) {
                rows.put(rs.getString(1) + "/" + rs.getString(2), rs.getString(3) + "|" + rs.getString(4) + "|"
                        + rs.getObject(5) + "|" + rs.getObject(6));
            }
        }
        return rows;
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

}
