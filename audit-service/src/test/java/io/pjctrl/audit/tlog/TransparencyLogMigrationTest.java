package io.pjctrl.audit.tlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pjctrl.audit.testsupport.MigratedDatabase;
import io.pjctrl.audit.testsupport.MonthPartitions;
import io.pjctrl.audit.testsupport.StoredChains;
import io.pjctrl.contract.chain.AuditEntry;
import io.pjctrl.contract.chain.CanonicalJson;
import io.pjctrl.contract.chain.ChainedEntry;
import io.pjctrl.contract.chain.Checksums;
import io.pjctrl.contract.chain.EntrySource;
import io.pjctrl.contract.chain.Timestamps;
import io.pjctrl.contract.tlog.CompactRange;
import io.pjctrl.contract.tlog.NodeVisitor;
import io.pjctrl.contract.tlog.ProofNodes;
import io.pjctrl.contract.tlog.ProofVerifier;
import io.pjctrl.contract.tlog.Rfc6962;
import io.pjctrl.testing.TestDatabase;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * V40 on a database of the previous version (V32) holding two chains of entries and a checkpoint: the old rows become
 * entry format 1 and the checkpoint format 1 without being rewritten, the tree builder builds each chain's tree over
 * them (the upgrade's backfill), entries of format 2 then continue the same chains, and every chain still verifies.
 */
class TransparencyLogMigrationTest {

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
    void shouldBuildTheTreesOfAnUpgradedLogAndContinueThemWithEntriesOfFormatTwo() throws Exception {
        migrate("32");
        List<ChainedEntry> chain0 = insert("events-0", 1, 700, false);
        List<ChainedEntry> chain1 = insert("events-1", 1, 3, false);
        insertCheckpoint("events-0", chain0.get(chain0.size() - 1));

        migrate(null);
        assertThat(column("SELECT DISTINCT entry_format FROM audit_logs")).containsExactly(1L);
        assertThat(column("SELECT format FROM audit_checkpoints")).containsExactly(1L);
        TreeBuilder builder = builder();
        builder.catchUpAll().await().atMost(TIMEOUT);

        assertThat(tree("events-0").size()).isEqualTo(700);
        assertThat(tree("events-0").root()).isEqualTo(root(chain0));
        assertThat(tree("events-1").root()).isEqualTo(root(chain1));

        List<ChainedEntry> more = insert("events-0", 701, 20, true);
        builder.catchUp("events-0").await().atMost(TIMEOUT);
        List<ChainedEntry> all = new ArrayList<>(chain0);
        all.addAll(more);
        TreeState grown = tree("events-0");
        assertThat(grown.size()).isEqualTo(720);
        assertThat(grown.root()).isEqualTo(root(all));
        for (long index : new long[]{0, 255, 256, 699, 700, 719}) {
            ProofNodes nodes = ProofNodes.inclusion(index, 720);
            var reader = new TlogRepository(pool).hashReader("events-0", 720, nodes.ids()).await().atMost(TIMEOUT);
            ProofVerifier.verifyInclusion(index, 720, Rfc6962.hashLeaf(all.get((int) index).entry().leafData()),
                    nodes.read(reader), grown.root());
        }
        assertThat(StoredChains.verifyAll(db)).isEmpty();
        Map<String, List<ChainedEntry>> stored = StoredChains.read(db);
        assertThat(stored.get("events-0").get(700).entry().entryFormat()).isEqualTo(2);
        assertThat(stored.get("events-0").get(699).entry().entryFormat()).isEqualTo(1);
    }

    @Test
    void shouldStopATreeAtAGapInSeqInsteadOfSkippingIt() throws Exception {
        migrate(null);
        try (Connection c = db.connect()) {
            MonthPartitions.cover(c, entry("events-5", 1, true).occurredAt(), entry("events-5", 7, true).occurredAt());
        }
        insert("events-5", 1, 5, true);
        insertRow(entry("events-5", 7, true), Checksums.GENESIS);

        builder().catchUp("events-5").await().atMost(TIMEOUT);

        assertThat(tree("events-5").size()).isEqualTo(5);
    }

    private TreeBuilder builder() {
        TlogRepository repository = new TlogRepository(pool);
        return new TreeBuilder(pool, repository, new TreeWriter(repository));
    }

    private TreeState tree(String chainId) {
        return new TlogRepository(pool).tree(chainId).await().atMost(TIMEOUT).orElseThrow();
    }

    private static byte[] root(List<ChainedEntry> entries) {
        CompactRange range = CompactRange.empty();
        entries.forEach(e -> range.appendData(e.entry().leafData(), NodeVisitor.NONE));
        return range.root();
    }

    private List<ChainedEntry> insert(String chainId, long fromSeq, int count, boolean sourced) throws SQLException {
        String prev = fromSeq == 1 ? Checksums.GENESIS : lastChecksum(chainId);
        List<ChainedEntry> entries = new ArrayList<>();
        for (long seq = fromSeq; seq < fromSeq + count; seq++) {
            ChainedEntry chained = ChainedEntry.append(prev, entry(chainId, seq, sourced));
            insertRow(chained.entry(), prev);
            entries.add(chained);
            prev = chained.checksum();
        }
        return entries;
    }

    private static AuditEntry entry(String chainId, long seq, boolean sourced) {
        Instant at = Timestamps.truncate(Instant.parse("2026-11-30T10:00:00Z").plusMillis(seq));
        int partition = Integer.parseInt(chainId.substring(chainId.indexOf('-') + 1));
        return new AuditEntry(UUID.randomUUID(), UUID.randomUUID(), "task.update", "/pjctrl/project-service", "task",
                UUID.randomUUID().toString(), UUID.randomUUID(), UUID.randomUUID(), "member", "update",
                CanonicalJson.parse("{\"status\":{\"old\":\"todo\",\"new\":\"done\"}}"),
                CanonicalJson.parse("{\"ip\":\"127.0.0.1\",\"request_id\":\"r-" + seq + "\"}"), "medium", 0, at, at,
                chainId, seq, sourced ? new EntrySource(partition, 1000 + seq) : null);
    }

    private void insertRow(AuditEntry e, String prev) throws SQLException {
        boolean sourced = e.entrySource() != null;
        String sql = "INSERT INTO audit_logs (id, event_id, event_type, source, resource_type, resource_id, project_id,"
                + " user_id, actor_role, action, changes, request_metadata, sensitivity_level, aggregate_version,"
                + " occurred_at, recorded_at, chain_id, seq, prev_checksum, checksum"
                + (sourced ? ", entry_format, source_partition, source_offset" : "")
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?"
                + (sourced ? ", 2, ?, ?" : "") + ")";
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, e.id());
            s.setObject(2, e.eventId());
            s.setString(3, e.eventType());
            s.setString(4, e.source());
            s.setString(5, e.resourceType());
            s.setString(6, e.resourceId());
            s.setObject(7, e.projectId());
            s.setObject(8, e.userId());
            s.setString(9, e.actorRole());
            s.setString(10, e.action());
            s.setString(11, e.changes().text());
            s.setString(12, e.requestMetadata().text());
            s.setString(13, e.sensitivityLevel());
            s.setLong(14, e.aggregateVersion());
            s.setTimestamp(15, Timestamp.from(e.occurredAt()));
            s.setTimestamp(16, Timestamp.from(e.recordedAt()));
            s.setString(17, e.chainId());
            s.setLong(18, e.seq());
            s.setString(19, prev);
            s.setString(20, Checksums.compute(prev, e));
            if (sourced) {
                s.setInt(21, e.entrySource().partition());
                s.setLong(22, e.entrySource().offset());
            }
            s.executeUpdate();
        }
    }

    /** A format-1 checkpoint row as V32 stored it (the note's content is not read by this test). */
    private void insertCheckpoint(String chainId, ChainedEntry head) throws SQLException {
        try (Connection c = db.connect()) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_signing_keys (key_id, algorithm, public_key,"
                    + " valid_from) VALUES ('pjctrl-audit-test+00000000', 'Ed25519', 'AAAA', now())")) {
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_checkpoints (id, chain_id, seq, head_checksum,"
                    + " origin, key_id, signed_note, created_at) VALUES (?, ?, ?, ?, ?, 'pjctrl-audit-test+00000000',"
                    + " 'note', now())")) {
                s.setObject(1, UUID.randomUUID());
                s.setString(2, chainId);
                s.setLong(3, head.seq());
                s.setString(4, head.checksum());
                s.setString(5, "pjctrl-audit/" + chainId);
                s.executeUpdate();
            }
        }
    }

    private String lastChecksum(String chainId) throws SQLException {
        try (Connection c = db.connect();
                PreparedStatement s = c.prepareStatement(
                        "SELECT checksum FROM audit_logs WHERE chain_id = ? ORDER BY seq DESC LIMIT 1")) {
            s.setString(1, chainId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private List<Long> column(String sql) throws SQLException {
        List<Long> values = new ArrayList<>();
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getLong(1));
            }
        }
        return values;
    }

    private void migrate(String target) {
        scratch.migrate(target);
    }
}
