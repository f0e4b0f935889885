package io.pjctrl.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.pjctrl.contract.chain.AuditEntry;
import io.pjctrl.contract.chain.CanonicalJson;
import io.pjctrl.contract.chain.ChainVerifier;
import io.pjctrl.contract.chain.ChainedEntry;

/**
 * The baseline of the verify benchmark: the same checks (recompute every checksum from the stored fields, check every
 * link and seq) as a plain single-threaded JDBC loop over a server-side cursor, no HTTP, no framework. It shows what
 * the hashing and the reading cost by themselves on this machine.
 */
final class VerifyBaselineTool {

    private VerifyBaselineTool() {
    }

    static void run(Args args) throws Exception {
        long began = System.nanoTime();
        long entries = 0;
        long mismatches = 0;
        try (Connection db = Db.connect(args)) {
            db.setAutoCommit(false); // a cursor (fetch size) needs a transaction
            for (String chain : chains(db)) {
                ChainVerifier walker = ChainVerifier.fromGenesis(chain);
                try (PreparedStatement query = db.prepareStatement("SELECT " + DatasetTool.COLUMNS
                        + " FROM audit_logs WHERE chain_id = ? ORDER BY seq")) {
                    query.setFetchSize(5_000);
                    query.setString(1, chain);
                    try (ResultSet rows = query.executeQuery()) {
                        while (rows.next()) {
                            mismatches += walker.next(stored(rows)).size();
                        }
                    }
                }
                entries += walker.verifiedCount();
            }
            db.commit();
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        System.out.printf("baseline verify (JDBC cursor + ChainVerifier, 1 thread): %d entries, %d mismatches, %.1f s, "
                + "%.0f entries/s%n", entries, mismatches, seconds, entries / seconds);
        System.out.printf("RESULT baseline_entries=%d baseline_seconds=%.3f baseline_rate=%.0f mismatches=%d%n", entries,
                seconds, entries / seconds, mismatches);
    }

    private static List<String> chains(Connection db) throws SQLException {
        List<String> chains = new ArrayList<>();
        try (Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("SELECT DISTINCT chain_id FROM audit_logs ORDER BY 1")) {
            while (rows.next()) {
                chains.add(rows.getString(1));
            }
        }
        return chains;
    }

    private static ChainedEntry stored(ResultSet row) throws SQLException {
        AuditEntry entry = new AuditEntry(uuid(row, 1), uuid(row, 2), row.getString(3), row.getString(4),
                row.getString(5), row.getString(6), uuid(row, 7), uuid(row, 8), row.getString(9), row.getString(10),
                CanonicalJson.parse(row.getString(11)), CanonicalJson.parse(row.getString(12)), row.getString(13),
                row.getLong(14), row.getObject(15, OffsetDateTime.class).toInstant(),
                row.getObject(16, OffsetDateTime.class).toInstant(), row.getString(17), row.getLong(18));
        return new ChainedEntry(entry, row.getString(19), row.getString(20));
    }

    private static UUID uuid(ResultSet row, int column) throws SQLException {
        return row.getObject(column, UUID.class);
    }
}
