package io.pjctrl.audit.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pjctrl.audit.log.AuditLogWriter;
import io.pjctrl.audit.log.AuditLogWriter.VersionGap;
import io.pjctrl.audit.log.ResourceHeads;
import io.pjctrl.audit.testsupport.CopiedChain;
import io.pjctrl.audit.testsupport.MigratedDatabase;
import io.pjctrl.audit.testsupport.StoredChains;
import io.pjctrl.contract.chain.AuditEntry;
import io.pjctrl.contract.chain.CanonicalJson;
import io.pjctrl.contract.chain.ChainHead;
import io.pjctrl.contract.chain.ChainedEntry;
import io.pjctrl.contract.chain.Checksums;
import io.pjctrl.contract.chain.EntrySource;
import io.pjctrl.contract.chain.Timestamps;
import io.pjctrl.contract.event.ValidEvent;
import io.pjctrl.testing.TestDatabase;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * V42 on a database of the previous version (V41) holding versioned history: the backfill gives every resource the
 * head that max(aggregate_version) over its stored events gave before (the pre-V42 check's own query is the
 * reference), the chains still verify, and the check of new batches finds exactly the gaps the pre-V42 check finds,
 * also after a pod of the previous version stored more entries without the heads (a rollout).
 */
class ResourceHeadsMigrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** The version check's lookup before V42 (AuditLogWriter's MAX_VERSIONS then), per distinct resource. */
    private static final String PRE_V42_MAX_VERSIONS = """
            SELECT resource_type, resource_id, max(aggregate_version) FROM audit_logs
            WHERE aggregate_version > 0 AND resource_id IS NOT NULL GROUP BY resource_type, resource_id
            """;

    private MigratedDatabase scratch;
    private TestDatabase db;
    private Pool pool;
    private final Map<String, String> lastChecksum = new HashMap<>();
    private final Map<String, Long> lastSeq = new HashMap<>();

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
    void shouldBackfillTheHeadsAndFindTheGapsThePreviousCheckFound() throws Exception {
        migrate("41");
        // Task a: 1..3; task b: 1, 2, 4 (a gap already in the history); user u: logins (version 0); a failed login
        // without a resource id; project p: 1..5 on another chain.
        store("events-0", List.of(row("task", "a", 1), row("task", "b", 1), row("user", "u", 0), row("task", "a", 2),
                row("task", "b", 2), row("user", null, 0), row("task", "a", 3), row("task", "b", 4)), false);
        store("events-1", List.of(row("project", "p", 1), row("project", "p", 2), row("project", "p", 3),
                row("project", "p", 4), row("project", "p", 5)), false);

        migrate(null);
        assertThat(heads()).isEqualTo(preV42Heads())
                .isEqualTo(Map.of("task/a", 3L, "task/b", 4L, "project/p", 5L));
        assertThat(covered()).isEqualTo(Map.of("events-0", 8L, "events-1", 5L));
        assertThat(StoredChains.verifyAll(db)).isEmpty();

        // a continues, b continues after its own gap, p skips 6, c is new, u's logout is not versioned; a then repeats.
        List<ValidEvent> batch = List.of(event("task", "a", 4, 0), event("task", "b", 5, 0), event("project", "p", 7, 1),
                event("task", "c", 1, 0), event("user", "u", 0, 0), event("task", "a", 4, 0));
        List<String> expected = preV42Gaps(batch);
        assertThat(check(batch)).isEqualTo(expected).containsExactly("project/p 6->7", "task/a 5->4");

        // A pod of the previous version, still running during the rollout, stores more without touching the heads.
        store("events-1", List.of(row("project", "p", 8), row("project", "q", 1)), true);
        List<ValidEvent> next = List.of(event("project", "p", 9, 1), event("project", "q", 2, 1));
        List<String> expectedNext = preV42Gaps(next);
        assertThat(check(next)).isEqualTo(expectedNext).isEmpty();
        assertThat(heads()).containsEntry("project/p", 9L).containsEntry("project/q", 2L);
        assertThat(StoredChains.verifyAll(db)).isEmpty();
    }

    @Test
    void shouldRefuseToLowerOrDeleteAHead() throws Exception {
        migrate(null);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO audit_resource_heads VALUES ('task', 'x', 5, 4)");
            s.execute("UPDATE audit_resource_heads SET version = 6 WHERE resource_id = 'x'");
            assertThatThrownBy(() -> s.execute("UPDATE audit_resource_heads SET version = 2 WHERE resource_id = 'x'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("only grows");
            assertThatThrownBy(() -> s.execute("DELETE FROM audit_resource_heads"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.execute("TRUNCATE audit_resource_heads"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
        assertThat(heads()).isEqualTo(Map.of("task/x", 6L));
    }

    /**
     * The check as the ingest runs it (production code: chain heads, catch-up, advance), its rows stored after it
     * (as the ingest's insert would), so the next check sees them. Gaps as "type/id expected->received".
     */
    private List<String> check(List<ValidEvent> batch) throws SQLException {
        AuditLogWriter log = new AuditLogWriter();
        VersionGaps versions = new VersionGaps(new ResourceHeads());
        String[] chains = batch.stream().map(e -> "events-" + e.partition()).distinct().toArray(String[]::new);
        List<VersionGap> gaps = pool.withTransaction(conn -> log.heads(conn, chains)
                .chain(stored -> {
                    List<ChainHead> after = new ArrayList<>();
                    for (String chain : chains) {
                        long added = batch.stream().filter(e -> chain.equals("events-" + e.partition())).count();
                        ChainHead head = stored.get(chain);
                        after.add(new ChainHead(chain, (head == null ? 0 : head.seq()) + added, "unused"));
                    }
                    return versions.find(conn, batch, stored.values(), after);
                }))
                .await().atMost(TIMEOUT);
        for (String chain : chains) {
            List<AuditEntry> rows = new ArrayList<>();
            batch.stream().filter(e -> chain.equals("events-" + e.partition()))
                    .forEach(e -> rows.add(row(e.resourceType(), e.resourceId(), e.aggregateVersion())));
            store(chain, rows, true);
        }
        return gaps.stream().map(g -> g.resourceType() + "/" + g.resourceId() + " " + g.expected() + "->" + g.received())
                .toList();
    }

    /** The gaps the pre-V42 check finds for the batch against the stored log: max per resource, then the same walk. */
    private List<String> preV42Gaps(List<ValidEvent> batch) throws SQLException {
        Map<String, Long> running = new HashMap<>(preV42Heads());
        List<String> gaps = new ArrayList<>();
        for (ValidEvent e : batch) {
            if (e.aggregateVersion() == 0 || e.resourceId() == null) {
                continue;
            }
            String key = e.resourceType() + "/" + e.resourceId();
            long expected = running.getOrDefault(key, 0L) + 1;
            if (e.aggregateVersion() != expected) {
                gaps.add(key + " " + expected + "->" + e.aggregateVersion());
            }
            running.merge(key, e.aggregateVersion(), Math::max);
        }
        return gaps;
    }

    private AuditEntry row(String type, String id, long version) {
        return new AuditEntry(UUID.randomUUID(), UUID.randomUUID(), type + (version <= 1 ? ".create" : ".update"),
                "/pjctrl/project-service", type, id, null, UUID.randomUUID(), "member", version <= 1 ? "create" : "update",
                CanonicalJson.parse("{\"n\":{\"new\":" + version + "}}"),
                CanonicalJson.parse("{\"ip\":\"10.0.0.1\",\"request_id\":null,\"trace_id\":null,\"user_agent\":\"t\"}"),
                "low", version, Instant.EPOCH, Instant.EPOCH, "unplaced", 1, null);
    }

    /** Appends the rows to the chain at their seq and times, as format 2 (with a source) or format 1 (without). */
    private void store(String chain, List<AuditEntry> rows, boolean sourced) throws SQLException {
        List<AuditEntry> placed = new ArrayList<>();
        long seq = lastSeq.getOrDefault(chain, 0L);
        for (AuditEntry e : rows) {
            seq++;
            Instant at = Timestamps.truncate(Instant.parse("2026-11-30T10:00:00Z").plusMillis(seq));
            placed.add(new AuditEntry(e.id(), e.eventId(), e.eventType(), e.source(), e.resourceType(), e.resourceId(),
                    e.projectId(), e.userId(), e.actorRole(), e.action(), e.changes(), e.requestMetadata(),
                    e.sensitivityLevel(), e.aggregateVersion(), at, at, chain, seq,
                    sourced ? new EntrySource(Integer.parseInt(chain.substring(7)), seq) : null));
        }
        try (Connection c = db.connect()) {
            List<ChainedEntry> chained = CopiedChain.copy(c, lastChecksum.getOrDefault(chain, Checksums.GENESIS), placed);
            lastChecksum.put(chain, chained.get(chained.size() - 1).checksum());
        }
        lastSeq.put(chain, seq);
    }

    private static ValidEvent event(String type, String id, long version, int partition) {
        return new ValidEvent(UUID.randomUUID(), type + ".update", "/pjctrl/project-service", type, id, null,
                UUID.randomUUID(), "member", "update", CanonicalJson.parse("{}"), CanonicalJson.parse("{}"), "10.0.0.1",
                version, Instant.parse("2026-11-30T11:00:00Z"), partition, 0);
    }

    private Map<String, Long> heads() throws SQLException {
        return pairs("SELECT resource_type, resource_id, version FROM audit_resource_heads");
    }

    private Map<String, Long> preV42Heads() throws SQLException {
        return pairs(PRE_V42_MAX_VERSIONS);
    }

    private Map<String, Long> covered() throws SQLException {
        Map<String, Long> covered = new LinkedHashMap<>();
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT chain_id, seq FROM audit_resource_head_chains")) {
            while (rs.next()) {
                covered.put(rs.getString(1), rs.getLong(2));
            }
        }
        return covered;
    }

    private Map<String, Long> pairs(String sql) throws SQLException {
        Map<String, Long> found = new HashMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                found.put(rs.getString(1) + "/" + rs.getString(2), rs.getLong(3));
            }
        }
        return found;
    }

    private void migrate(String target) {
        scratch.migrate(target);
    }
}
