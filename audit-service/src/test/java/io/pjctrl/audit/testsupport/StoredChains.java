package io.pjctrl.audit.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.pjctrl.contract.chain.AuditEntry;
import io.pjctrl.contract.chain.CanonicalJson;
import io.pjctrl.contract.chain.ChainMismatch;
import io.pjctrl.contract.chain.ChainVerifier;
import io.pjctrl.contract.chain.ChainedEntry;
import io.pjctrl.contract.chain.EntrySource;
import io.pjctrl.testing.TestDatabase;

/** Reads every chain from audit_logs over JDBC (independently of the service) and verifies it from genesis. */
public final class StoredChains {

    private StoredChains() {
    }

    /** Every stored entry, grouped by chain, in seq order. */
    public static Map<String, List<ChainedEntry>> read(TestDatabase database) {
        Map<String, List<ChainedEntry>> chains = new LinkedHashMap<>();
        try (Connection c = database.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT *, changes::text AS changes_text, request_metadata::text AS metadata_text"
                        + " FROM audit_logs ORDER BY chain_id, seq")) {
            while (rs.next()) {
                ChainedEntry entry = new ChainedEntry(entry(rs), rs.getString("prev_checksum"), rs.getString("checksum"));
                chains.computeIfAbsent(entry.chainId(), k -> new ArrayList<>()).add(entry);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return chains;
    }

    /** Every mismatch of every chain (empty when all chains are dense, linked and unaltered). */
    public static List<ChainMismatch> verifyAll(TestDatabase database) {
        List<ChainMismatch> all = new ArrayList<>();
        read(database).forEach((chainId, entries) -> all.addAll(ChainVerifier.verify(chainId, entries)));
        return all;
    }

    private static AuditEntry entry(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getObject("id", UUID.class), rs.getObject("event_id", UUID.class), rs.getString("event_type"),
                rs.getString("source"), rs.getString("resource_type"), rs.getString("resource_id"),
                rs.getObject("project_id", UUID.class), rs.getObject("user_id", UUID.class), rs.getString("actor_role"),
                rs.getString("action"), CanonicalJson.parse(rs.getString("changes_text")),
                CanonicalJson.parse(rs.getString("metadata_text")), rs.getString("sensitivity_level"),
                rs.getLong("aggregate_version"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant(), rs.getString("chain_id"), rs.getLong("seq"),
                entrySource(rs));
    }

    /** Entry format 2's source; null for format 1 and for databases from before V40 (no such columns). */
    private static EntrySource entrySource(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            if (meta.getColumnName(i).equals("source_partition")) {
                Integer partition = rs.getObject("source_partition", Integer.class);
                return partition == null ? null : new EntrySource(partition, rs.getLong("source_offset"));
            }
        }
        return null;
    }
}
