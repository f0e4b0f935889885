package io.pjctrl.audit.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pjctrl.audit.testsupport.CopiedChain;
import io.pjctrl.audit.testsupport.MigratedDatabase;
import io.pjctrl.audit.testsupport.StoredChains;
import io.pjctrl.contract.chain.AuditEntry;
import io.pjctrl.contract.chain.CanonicalJson;
import io.pjctrl.contract.chain.ChainedEntry;
import io.pjctrl.contract.chain.Checksums;
import io.pjctrl.contract.chain.EntrySource;
import io.pjctrl.contract.chain.Timestamps;
import io.pjctrl.testing.TestDatabase;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * V46 on a database of the previous version holding entries over several hours and months: the backfill counts every
 * stored entry into audit_activity, the trigger counts every later insert statement (a COPY, one multi-row insert,
 * single-row inserts), and ActivityRollup's merge leaves one row per key with the same sums. The reference is always
 * GROUP BY over audit_logs itself.
 */
class ActivityRollupMigrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String CHAIN = "events-0";
    private static final String[] TYPES = {"task.update", "task.delete", "project.delete", "user.permission_change"};
    private static final String[] LEVELS = {"low", "medium", "high", "critical"};

    private static final String FROM_LOG = """
            SELECT date_trunc('hour', occurred_at, 'UTC') AS hour, event_type, resource_type, action, sensitivity_level,
                   count(*) AS n
            FROM audit_logs GROUP BY 1, 2, 3, 4, 5""";
    private static final String FROM_ROLLUP = """
            SELECT hour, event_type, resource_type, action, sensitivity_level, sum(entries) AS n
            FROM audit_activity GROUP BY 1, 2, 3, 4, 5""";

    private MigratedDatabase scratch;
    private TestDatabase db;
    private Pool pool;
    private String lastChecksum = Checksums.GENESIS;
    private long lastSeq;

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
    void shouldCountEveryEntryBeforeAndAfterTheMigrationAndKeepTheSumsThroughAMerge() throws Exception {
        scratch.migrate("43");
        // 60 entries 7 minutes apart from 23:30 on the last day of October: hours of two months and two days.
        store(entries(Instant.parse("2026-10-31T23:30:00Z"), 60, Duration.ofMinutes(7)));

        scratch.migrate(null);
        Map<String, Long> backfilled = counts(FROM_ROLLUP);
        assertThat(backfilled).isEqualTo(counts(FROM_LOG));
        assertThat(backfilled.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(60);
        assertThat(rows()).isEqualTo(backfilled.size());

        // More entries into hours already counted and new ones: one COPY of 25, then four COPYs of one entry each.
        store(entries(Instant.parse("2026-11-01T01:05:00Z"), 25, Duration.ofMinutes(3)));
        for (AuditEntry single : entries(Instant.parse("2026-11-01T02:10:00Z"), 4, Duration.ofMinutes(1))) {
            store(List.of(single));
        }
        Map<String, Long> live = counts(FROM_ROLLUP);
        assertThat(live).isEqualTo(counts(FROM_LOG));
        assertThat(live.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(89);
        assertThat(rows()).as("each statement adds its own rows").isGreaterThan(live.size());

        ActivityRollup rollup = new ActivityRollup(pool);
        assertThat(rollup.merge().await().atMost(TIMEOUT)).isPositive();
        assertThat(counts(FROM_ROLLUP)).isEqualTo(counts(FROM_LOG));
        assertThat(rows()).as("one row per key after the merge").isEqualTo(live.size());
        assertThat(rollup.merge().await().atMost(TIMEOUT)).as("nothing left to merge").isZero();
        assertThat(StoredChains.verifyAll(db)).isEmpty();
    }

    private List<AuditEntry> entries(Instant first, int count, Duration gap) {
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String type = TYPES[i % TYPES.length];
            String resourceType = type.substring(0, type.indexOf('.'));
            Instant at = Timestamps.truncate(first.plus(gap.multipliedBy(i)));
            lastSeq++;
            entries.add(new AuditEntry(UUID.randomUUID(), UUID.randomUUID(), type, "/pjctrl/project-service",
                    resourceType, UUID.randomUUID().toString(), null, UUID.randomUUID(), "admin",
                    type.endsWith("delete") ? "delete" : "update", CanonicalJson.parse("{}"),
                    CanonicalJson.parse("{\"ip\":\"10.0.0.1\",\"request_id\":null,\"trace_id\":null,\"user_agent\":\"t\"}"),
                    LEVELS[i % LEVELS.length], 0, at, at, CHAIN, lastSeq, new EntrySource(0, lastSeq)));
        }
        return entries;
    }

    private void store(List<AuditEntry> entries) throws SQLException {
        try (Connection c = db.connect()) {
            List<ChainedEntry> chained = CopiedChain.copy(c, lastChecksum, entries);
            lastChecksum = chained.get(chained.size() - 1).checksum();
        }
    }

    private long rows() throws SQLException {
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM audit_activity")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Map<String, Long> counts(String sql) throws SQLException {
        Map<String, Long> found = new HashMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                found.put(rs.getTimestamp(1).toInstant() + " " + rs.getString(2) + " " + rs.getString(3) + " "
                        + rs.getString(4) + " " + rs.getString(5), rs.getLong(6));
            }
        }
        return found;
    }

}
