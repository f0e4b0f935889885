package io.pjctrl.audit.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pjctrl.audit.testsupport.CopiedChain;
import io.pjctrl.audit.testsupport.LogRows;
import io.pjctrl.audit.testsupport.MigratedDatabase;
import io.pjctrl.audit.testsupport.StoredChains;
import io.pjctrl.audit.tlog.TlogRepository;
import io.pjctrl.audit.tlog.TreeBuilder;
import io.pjctrl.audit.tlog.TreeState;
import io.pjctrl.audit.tlog.TreeWriter;
import io.pjctrl.contract.chain.AuditEntry;
import io.pjctrl.contract.chain.Checksums;
import io.pjctrl.testing.TestDatabase;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * V45 on a filled log of V43 (a chain over three months, its tree): the chains and the tree are untouched and still
 * verify; the new tables are append-only; a month leaves only through {@code audit_logs_drop_partition} and only once
 * archived, and the other months stay append-only.
 */
class RetentionMigrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private MigratedDatabase scratch;
    private TestDatabase db;
    private Pool pool;

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
    void shouldKeepAFilledLogVerifyingAndLetAMonthLeaveOnlyOnceArchived() throws Exception {
        scratch.migrate("43");
        List<AuditEntry> entries = new ArrayList<>();
        for (int seq = 1; seq <= 30; seq++) {
            entries.add(LogRows.entry("events-0", seq, Instant.parse("2020-01-01T00:00:00Z").plus(Duration.ofDays(3L * seq)),
                    Instant.parse("2020-04-01T00:00:00Z")));
        }
        try (Connection c = db.connect()) {
            CopiedChain.copy(c, Checksums.GENESIS, entries);
        }
        builder().catchUpAll().await().atMost(TIMEOUT);
        TreeState before = tree();

        scratch.migrate(null);

        assertThat(StoredChains.verifyAll(db)).isEmpty();
        assertThat(tree().root()).isEqualTo(before.root());
        assertThat(single("SELECT count(*) FROM audit_logs")).isEqualTo("30");

        assertThatThrownBy(() -> execute("SELECT audit_logs_drop_partition('2020-01-01')"))
                .hasMessageContaining("month 2020-01 is not archived");
        assertThat(single("SELECT to_regclass('audit_logs_2020_01')::text")).isEqualTo("audit_logs_2020_01");

        execute("INSERT INTO audit_archives (month, file_name, sha256, entries, archived_at) VALUES ('2020-01-01',"
                + " 'audit-archive-2020-01.ndjson', '" + "a".repeat(64) + "', 10, now())");
        execute("INSERT INTO audit_archived_ranges VALUES ('events-0', '2020-01-01', 1, 10, '" + Checksums.GENESIS
                + "', '" + "b".repeat(64) + "', 10)");
        assertThat(single("SELECT audit_logs_drop_partition('2020-01-01')")).isEqualTo("t");
        assertThat(single("SELECT to_regclass('audit_logs_2020_01')")).isNull();
        assertThat(single("SELECT count(*) FROM audit_logs")).isEqualTo("20");
        assertThat(single("SELECT count(*) FROM audit_log_keys")).isEqualTo("30");

        // February holds 9 entries: an archive record of another count leaves it in place.
        execute("INSERT INTO audit_archives (month, file_name, sha256, entries, archived_at) VALUES ('2020-02-01',"
                + " 'audit-archive-2020-02.ndjson', '" + "c".repeat(64) + "', 8, now())");
        assertThatThrownBy(() -> execute("SELECT audit_logs_drop_partition('2020-02-01')"))
                .hasMessageContaining("month 2020-02 holds 9 entries but its archive 8");
        assertThat(single("SELECT to_regclass('audit_logs_2020_02')::text")).isEqualTo("audit_logs_2020_02");
        assertThat(single("SELECT count(*) FROM audit_logs")).isEqualTo("20");

        assertThatThrownBy(() -> execute("DELETE FROM audit_logs WHERE seq = 11")).hasMessageContaining("append-only");
        assertThatThrownBy(() -> execute("UPDATE audit_archived_ranges SET last_seq = 9")).hasMessageContaining("append-only");
        assertThatThrownBy(() -> execute("DELETE FROM audit_archives")).hasMessageContaining("append-only");
        assertThatThrownBy(() -> execute("INSERT INTO audit_legal_holds (id, user_id, project_id, reason, created_at)"
                + " VALUES ('" + UUID.randomUUID() + "', gen_random_uuid(), gen_random_uuid(), 'both', now())"))
                .hasMessageContaining("audit_legal_holds_one_subject");
    }

    private TreeBuilder builder() {
        TlogRepository repository = new TlogRepository(pool);
        return new TreeBuilder(pool, repository, new TreeWriter(repository));
    }

    private TreeState tree() {
        return new TlogRepository(pool).tree("events-0").await().atMost(TIMEOUT).orElseThrow();
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private String single(String sql) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

}
