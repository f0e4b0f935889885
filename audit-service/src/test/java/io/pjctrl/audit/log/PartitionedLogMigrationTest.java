package io.pjctrl.audit.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pjctrl.audit.testsupport.LogRows;
import io.pjctrl.audit.testsupport.MigratedDatabase;
import io.pjctrl.audit.testsupport.StoredChains;
import io.pjctrl.audit.tlog.TlogRepository;
import io.pjctrl.audit.tlog.TreeBuilder;
import io.pjctrl.audit.tlog.TreeState;
import io.pjctrl.audit.tlog.TreeWriter;
import io.pjctrl.contract.chain.AuditEntry;
import io.pjctrl.contract.chain.ChainHead;
import io.pjctrl.contract.chain.ChainedEntry;
import io.pjctrl.contract.chain.Checksums;
import io.pjctrl.contract.chain.EntrySource;
import io.pjctrl.contract.tlog.CompactRange;
import io.pjctrl.contract.tlog.NodeVisitor;
import io.pjctrl.testing.TestDatabase;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * V43 on a database of the previous version (V41) holding two chains spread over three months (one entry arriving a
 * month late), their Merkle trees, a checkpoint and an alert about an entry: audit_logs becomes partitioned by month
 * with every row in its month, the trees, tiles and checkpoint are untouched and still match, every chain verifies,
 * the ingest's writer continues the chains, and the keys stay unique across partitions.
 */
class PartitionedLogMigrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Instant START = Instant.parse("2026-08-20T08:00:00Z");

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
    void shouldPartitionAFilledLogByMonthAndKeepItsChainsTreesAndCheckpointValid() throws Exception {
        migrate("41");
        List<ChainedEntry> chain0 = insert("events-0", 300);
        List<ChainedEntry> chain1 = insert("events-1", 40);
        builder().catchUpAll().await().atMost(TIMEOUT);
        TreeState tree0 = tree("events-0");
        TreeState tree1 = tree("events-1");
        String tiles = tilesDigest();
        ChainedEntry checkpointed = chain0.get(199);
        insertCheckpoint(checkpointed);
        UUID alerted = chain1.get(5).entry().id();
        execute("INSERT INTO audit_alerts (id, audit_log_id, rule, severity, message, created_at) VALUES ('"
                + UUID.randomUUID() + "', '" + alerted + "', 'sensitive', 'high', 'm', now())");

        migrate(null);

        assertThat(single("SELECT relkind::text FROM pg_class WHERE relname = 'audit_logs'")).isEqualTo("p");
        Set<String> months = new TreeSet<>();
        chain0.forEach(c -> months.add(partition(c.entry().occurredAt())));
        chain1.forEach(c -> months.add(partition(c.entry().occurredAt())));
        months.add(partition(Instant.now()));
        assertThat(months).hasSizeGreaterThanOrEqualTo(4);
        assertThat(column("SELECT partition FROM audit_log_partitions")).containsExactlyInAnyOrderElementsOf(months);
        assertThat(column("SELECT tableoid::regclass::text || ' ' || id FROM audit_logs")).containsExactlyInAnyOrderElementsOf(
                concat(chain0, chain1).stream().map(c -> partition(c.entry().occurredAt()) + " " + c.entry().id()).toList());
        assertThat(single("SELECT count(*) FROM audit_log_keys")).isEqualTo("340");

        assertThat(tree("events-0").root()).isEqualTo(tree0.root());
        assertThat(tree("events-0").size()).isEqualTo(300);
        assertThat(tree("events-1").root()).isEqualTo(tree1.root());
        assertThat(tilesDigest()).isEqualTo(tiles);
        assertThat(single("SELECT c.head_checksum = l.checksum FROM audit_checkpoints c JOIN audit_logs l"
                + " ON l.chain_id = c.chain_id AND l.seq = c.seq")).isEqualTo("t");
        assertThat(StoredChains.verifyAll(db)).isEmpty();
        assertThat(single("SELECT audit_log_id FROM audit_alerts")).isEqualTo(alerted.toString());
        StoredEntry found = new AuditLogRepository(pool, null).findById(alerted).await().atMost(TIMEOUT);
        assertThat(found.checksum()).isEqualTo(chain1.get(5).checksum());

        // The ingest's writer continues both chains from their stored heads, in the current month's partition.
        AuditLogWriter writer = new AuditLogWriter();
        Map<String, ChainHead> heads = writer.heads(pool, new String[]{"events-0", "events-1"}).await().atMost(TIMEOUT);
        assertThat(heads.get("events-0").seq()).isEqualTo(300);
        assertThat(heads.get("events-0").checksum()).isEqualTo(chain0.get(299).checksum());
        List<ChainedEntry> more = continued(heads.get("events-0"), 20);
        writer.insert(pool, more).await().atMost(TIMEOUT);
        builder().catchUpAll().await().atMost(TIMEOUT);
        assertThat(tree("events-0").size()).isEqualTo(320);
        assertThat(tree("events-0").root()).isEqualTo(root(concat(chain0, more)));
        assertThat(StoredChains.verifyAll(db)).isEmpty();

        // The keys stay log-wide: the same chain position or event id in another month is refused.
        ChainedEntry fork = ChainedEntry.append(chain0.get(9).checksum(),
                LogRows.entry("events-0", 11, Instant.now(), Instant.now()));
        ChainedEntry replay = ChainedEntry.append(more.get(19).checksum(), LogRows.entry("events-0", 321, Instant.now(),
                Instant.now(), chain0.get(0).entry().eventId()));
        try (Connection c = db.connect()) {
            assertThatThrownBy(() -> LogRows.insert(c, fork)).hasMessageContaining("audit_log_keys_chain_position");
            assertThatThrownBy(() -> LogRows.insert(c, replay)).hasMessageContaining("audit_log_keys_event");
        }
        assertThatThrownBy(() -> execute("INSERT INTO audit_alerts (id, audit_log_id, rule, severity, message, created_at)"
                + " VALUES (gen_random_uuid(), gen_random_uuid(), 'sensitive', 'high', 'm', now())"))
                .hasMessageContaining("audit_alerts_audit_log_id_fkey");
        String migrated = partition(chain0.get(0).entry().occurredAt());
        assertThatThrownBy(() -> execute("UPDATE " + migrated + " SET action = 'delete'")).hasMessageContaining("append-only");
        assertThatThrownBy(() -> execute("TRUNCATE " + migrated)).hasMessageContaining("append-only");
    }

    @Test
    void shouldRefuseToConvertALogWithAnIndexItDoesNotKnow() throws Exception {
        migrate("41");
        execute("CREATE INDEX idx_someones_own ON audit_logs (source)");

        assertThatThrownBy(() -> migrate(null)).isInstanceOf(FlywayException.class)
                .hasMessageContaining("V43 does not know the indexes idx_someones_own");
        assertThat(single("SELECT relkind::text FROM pg_class WHERE relname = 'audit_logs'")).isEqualTo("r");
    }

    /**
     * {@code count} entries of one chain (format 2) spread over 90 days from {@link #START}; every 25th occurred a month
     * before the one it was recorded in (a late event, stored in its own month's partition among later seqs).
     */
    private List<ChainedEntry> insert(String chainId, int count) throws SQLException {
        List<ChainedEntry> entries = new ArrayList<>();
        String prev = Checksums.GENESIS;
        try (Connection c = db.connect()) {
            for (long seq = 1; seq <= count; seq++) {
                Instant recorded = START.plus(Duration.ofDays(90).dividedBy(count).multipliedBy(seq));
                Instant occurred = seq % 25 == 0 ? recorded.minus(Duration.ofDays(31)) : recorded.minusMillis(5);
                ChainedEntry chained = ChainedEntry.append(prev, LogRows.entry(chainId, seq, occurred, recorded,
                        UUID.randomUUID(), new EntrySource(Integer.parseInt(chainId.substring(7)), 100 + seq)));
                LogRows.insert(c, chained);
                entries.add(chained);
                prev = chained.checksum();
            }
        }
        return entries;
    }

    private static List<ChainedEntry> continued(ChainHead head, int count) {
        List<ChainedEntry> entries = new ArrayList<>();
        String prev = head.checksum();
        for (long seq = head.seq() + 1; seq <= head.seq() + count; seq++) {
            Instant now = Instant.now();
            AuditEntry entry = LogRows.entry(head.chainId(), seq, now, now, UUID.randomUUID(), new EntrySource(0, 1000 + seq));
            ChainedEntry chained = ChainedEntry.append(prev, entry);
            entries.add(chained);
            prev = chained.checksum();
        }
        return entries;
    }

    private static List<ChainedEntry> concat(List<ChainedEntry> a, List<ChainedEntry> b) {
        List<ChainedEntry> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static byte[] root(List<ChainedEntry> entries) {
        CompactRange range = CompactRange.empty();
        entries.forEach(e -> range.appendData(e.entry().leafData(), NodeVisitor.NONE));
        return range.root();
    }

    private static String partition(Instant at) {
        YearMonth month = LogPartitions.month(at);
        return String.format("audit_logs_%04d_%02d", month.getYear(), month.getMonthValue());
    }

    private TreeBuilder builder() {
        TlogRepository repository = new TlogRepository(pool);
        return new TreeBuilder(pool, repository, new TreeWriter(repository));
    }

    private TreeState tree(String chainId) {
        return new TlogRepository(pool).tree(chainId).await().atMost(TIMEOUT).orElseThrow();
    }

    private String tilesDigest() throws SQLException {
        return single("SELECT md5(string_agg(chain_id || level || ':' || tile_index || ':' || encode(hashes, 'hex'), ','"
                + " ORDER BY chain_id, level, tile_index)) FROM audit_tlog_tiles");
    }

    /** A format-1 checkpoint row as V41 stores it (the note's content is not read by this test). */
    private void insertCheckpoint(ChainedEntry head) throws SQLException {
        execute("INSERT INTO audit_signing_keys (key_id, algorithm, public_key, valid_from)"
                + " VALUES ('pjctrl-audit-test+00000000', 'Ed25519', 'AAAA', now())");
        execute("INSERT INTO audit_checkpoints (id, chain_id, seq, head_checksum, origin, key_id, signed_note, created_at)"
                + " VALUES ('" + UUID.randomUUID() + "', '" + head.chainId() + "', " + head.seq() + ", '" + head.checksum()
                + "', 'pjctrl-audit/" + head.chainId() + "', 'pjctrl-audit-test+00000000', 'note', now())");
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

    private List<String> column(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private void migrate(String target) {
        scratch.migrate(target);
    }

}
