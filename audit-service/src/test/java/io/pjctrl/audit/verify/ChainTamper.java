package io.pjctrl.audit.verify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.pjctrl.contract.chain.AuditEntry;
import io.pjctrl.contract.chain.CanonicalJson;
import io.pjctrl.contract.chain.Checksums;
import io.pjctrl.contract.chain.EntrySource;
import io.pjctrl.testing.TestDatabase;

/**
 * Direct-SQL tampering with one chain, as someone with the table owner's rights would do it: the append-only
 * triggers are disabled for the change and enabled again. {@link #snapshot()} / {@link #restore()} put the chain
 * and its checkpoints back exactly, so each scenario starts from the same valid state.
 */
final class ChainTamper {

    static final String COLUMNS = "id, event_id, event_type, source, resource_type, resource_id, project_id, user_id,"
            + " actor_role, action, changes, request_metadata, sensitivity_level, aggregate_version, occurred_at,"
            + " recorded_at, chain_id, seq, prev_checksum, checksum, entry_format, source_partition, source_offset";
    static final String CHECKPOINT_COLUMNS = "id, chain_id, seq, head_checksum, origin, key_id, signed_note, created_at,"
            + " format, root_hash";

    private final TestDatabase db;
    final String chainId;
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    ChainTamper(TestDatabase db, String chainId) {
        this.db = db;
        this.chainId = chainId;
    }

    /** One stored row, with the hashed fields as the chain package reads them. */
    record Stored(UUID id, long seq, String prevChecksum, String checksum, AuditEntry entry) {
    }

    void snapshot() throws SQLException {
        sql("CREATE TABLE tamper_logs_" + suffix + " AS SELECT " + COLUMNS + " FROM audit_logs WHERE chain_id = '"
                + chainId + "'",
                "CREATE TABLE tamper_checkpoints_" + suffix + " AS SELECT " + CHECKPOINT_COLUMNS
                        + " FROM audit_checkpoints WHERE chain_id = '" + chainId + "'",
                "CREATE TABLE tamper_trees_" + suffix + " AS SELECT * FROM audit_tlog_trees WHERE chain_id = '"
                        + chainId + "'",
                "CREATE TABLE tamper_tiles_" + suffix + " AS SELECT * FROM audit_tlog_tiles WHERE chain_id = '"
                        + chainId + "'");
    }

    /**
     * Puts back every row, checkpoint and Merkle tree tile of the chain as snapshot, and removes anything added since
     * (the tree builder may have appended a tampered row to the tree meanwhile, as it would in production).
     */
    void restore() throws SQLException {
        String logs = "tamper_logs_" + suffix;
        String checkpoints = "tamper_checkpoints_" + suffix;
        String trees = "tamper_trees_" + suffix;
        String tiles = "tamper_tiles_" + suffix;
        tampered("DELETE FROM audit_tlog_tiles WHERE chain_id = '" + chainId + "'",
                "INSERT INTO audit_tlog_tiles SELECT * FROM " + tiles,
                "DELETE FROM audit_tlog_trees WHERE chain_id = '" + chainId + "'",
                "INSERT INTO audit_tlog_trees SELECT * FROM " + trees,
                "UPDATE audit_logs SET chain_id = chain_id || '~restoring' WHERE chain_id = '" + chainId + "'",
                "DELETE FROM audit_logs l WHERE chain_id = '" + chainId + "~restoring' AND NOT EXISTS"
                        + " (SELECT 1 FROM " + logs + " b WHERE b.id = l.id)",
                "UPDATE audit_logs l SET (" + COLUMNS + ") = (SELECT " + prefixed("b") + " FROM " + logs
                        + " b WHERE b.id = l.id) WHERE l.chain_id = '" + chainId + "~restoring'",
                "INSERT INTO audit_logs (" + COLUMNS + ") SELECT " + COLUMNS + " FROM " + logs
                        + " b WHERE NOT EXISTS (SELECT 1 FROM audit_logs l WHERE l.id = b.id)",
                // Cosignatures of the checkpoints added since go with them (they reference the checkpoint rows).
                "DELETE FROM audit_checkpoint_cosignatures s USING audit_checkpoints c WHERE s.checkpoint_id = c.id"
                        + " AND c.chain_id = '" + chainId + "' AND NOT EXISTS (SELECT 1 FROM " + checkpoints
                        + " b WHERE b.id = c.id)",
                // The log-wide keys (V43) follow: the keys of rows added since go (tampering adds none, its trigger is
                // off; the ingest may have), the keys of restored rows stay (alerts reference them).
                "DELETE FROM audit_log_keys k WHERE k.chain_id = '" + chainId + "' AND NOT EXISTS (SELECT 1 FROM"
                        + " audit_logs l WHERE l.chain_id = k.chain_id AND l.seq = k.seq AND l.id = k.id)",
                "INSERT INTO audit_log_keys (id, event_id, chain_id, seq, occurred_at) SELECT id, event_id, chain_id, seq,"
                        + " occurred_at FROM audit_logs l WHERE l.chain_id = '" + chainId + "' AND NOT EXISTS (SELECT 1"
                        + " FROM audit_log_keys k WHERE k.id = l.id)",
                "DELETE FROM audit_checkpoints c WHERE chain_id = '" + chainId + "' AND NOT EXISTS (SELECT 1 FROM "
                        + checkpoints + " b WHERE b.id = c.id)",
                "UPDATE audit_checkpoints c SET signed_note = b.signed_note, head_checksum = b.head_checksum, key_id = b.key_id,"
                        + " seq = b.seq FROM " + checkpoints + " b WHERE b.id = c.id",
                "INSERT INTO audit_checkpoints (" + CHECKPOINT_COLUMNS + ") SELECT " + CHECKPOINT_COLUMNS + " FROM "
                        + checkpoints + " b WHERE NOT EXISTS (SELECT 1 FROM audit_checkpoints c WHERE c.id = b.id)");
        sql("DROP TABLE " + logs, "DROP TABLE " + checkpoints, "DROP TABLE " + trees, "DROP TABLE " + tiles);
    }

    /**
     * Runs statements with the append-only triggers of audit_logs and audit_checkpoints disabled, and the one that copies
     * inserted rows' keys into audit_log_keys: a forged row may take the (chain_id, seq) of one moved away, as someone
     * with the owner's rights could arrange.
     */
    void tampered(String... statements) throws SQLException {
        List<String> all = new ArrayList<>();
        all.add("ALTER TABLE audit_logs DISABLE TRIGGER audit_logs_append_only");
        all.add("ALTER TABLE audit_logs DISABLE TRIGGER audit_logs_keys");
        all.add("ALTER TABLE audit_log_keys DISABLE TRIGGER audit_log_keys_append_only");
        all.add("ALTER TABLE audit_checkpoints DISABLE TRIGGER audit_checkpoints_append_only");
        all.add("ALTER TABLE audit_checkpoint_cosignatures DISABLE TRIGGER audit_checkpoint_cosignatures_append_only");
        all.add("ALTER TABLE audit_tlog_trees DISABLE TRIGGER USER");
        all.add("ALTER TABLE audit_tlog_tiles DISABLE TRIGGER USER");
        all.addAll(List.of(statements));
        all.add("ALTER TABLE audit_logs ENABLE TRIGGER audit_logs_append_only");
        all.add("ALTER TABLE audit_logs ENABLE TRIGGER audit_logs_keys");
        all.add("ALTER TABLE audit_log_keys ENABLE TRIGGER audit_log_keys_append_only");
        all.add("ALTER TABLE audit_checkpoints ENABLE TRIGGER audit_checkpoints_append_only");
        all.add("ALTER TABLE audit_checkpoint_cosignatures ENABLE TRIGGER audit_checkpoint_cosignatures_append_only");
        all.add("ALTER TABLE audit_tlog_trees ENABLE TRIGGER USER");
        all.add("ALTER TABLE audit_tlog_tiles ENABLE TRIGGER USER");
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String statement : all) {
                    s.execute(statement);
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    List<Stored> rows() throws SQLException {
        List<Stored> rows = new ArrayList<>();
        try (Connection c = db.connect();
                PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS.replace("changes,", "changes::text,")
                        .replace("request_metadata,", "request_metadata::text,")
                        + " FROM audit_logs WHERE chain_id = ? ORDER BY seq")) {
            s.setString(1, chainId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(stored(rs));
                }
            }
        }
        return rows;
    }

    long latestCheckpointSeq() throws SQLException {
        try (Connection c = db.connect();
                PreparedStatement s = c
                        .prepareStatement("SELECT coalesce(max(seq), 0) FROM audit_checkpoints WHERE chain_id = ?")) {
            s.setString(1, chainId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Rewrites prev_checksum/checksum of every row from {@code fromSeq} on, as an attacker without the key can. */
    void rechainFrom(long fromSeq) throws SQLException {
        List<Stored> rows = rows();
        String prev = null;
        List<String> updates = new ArrayList<>();
        for (Stored row : rows) {
            if (row.seq() < fromSeq) {
                prev = row.checksum();
                continue;
            }
            String link = prev == null ? Checksums.GENESIS : prev;
            String checksum = Checksums.compute(link, row.entry());
            updates.add("UPDATE audit_logs SET prev_checksum = '" + link + "', checksum = '" + checksum + "' WHERE id = '"
                    + row.id() + "'");
            prev = checksum;
        }
        tampered(updates.toArray(String[]::new));
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        AuditEntry entry = new AuditEntry(rs.getObject("id", UUID.class), rs.getObject("event_id", UUID.class),
                rs.getString("event_type"), rs.getString("source"), rs.getString("resource_type"),
                rs.getString("resource_id"), rs.getObject("project_id", UUID.class), rs.getObject("user_id", UUID.class),
                rs.getString("actor_role"), rs.getString("action"), CanonicalJson.parse(rs.getString("changes")),
                CanonicalJson.parse(rs.getString("request_metadata")), rs.getString("sensitivity_level"),
                rs.getLong("aggregate_version"), instant(rs, "occurred_at"), instant(rs, "recorded_at"),
                rs.getString("chain_id"), rs.getLong("seq"), source(rs));
        return new Stored(entry.id(), entry.seq(), rs.getString("prev_checksum"), rs.getString("checksum"), entry);
    }

    private static EntrySource source(ResultSet rs) throws SQLException {
        Integer partition = rs.getObject("source_partition", Integer.class);
        return partition == null ? null : new EntrySource(partition, rs.getLong("source_offset"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, java.time.OffsetDateTime.class).toInstant();
    }

    private static String prefixed(String alias) {
        StringBuilder out = new StringBuilder();
        for (String column : COLUMNS.split(",\\s*")) {
            out.append(out.length() == 0 ? "" : ", ").append(alias).append('.').append(column);
        }
        return out.toString();
    }

    private void sql(String... statements) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
