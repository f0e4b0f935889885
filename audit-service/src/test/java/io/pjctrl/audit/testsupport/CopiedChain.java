package io.pjctrl.audit.testsupport;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import io.pjctrl.contract.chain.AuditEntry;
import io.pjctrl.contract.chain.ChainedEntry;
import io.pjctrl.contract.chain.Timestamps;

/**
 * Stores entries straight into audit_logs with one COPY, hash-chained with the contract's chain code after a given
 * head, as a bulk load or a writer of an older version would (no ingest, so nothing but audit_logs is written):
 * 100,000 rows in a few seconds, where row-by-row inserts take a minute.
 */
public final class CopiedChain {

    private static final String COLUMNS = "id, event_id, event_type, source, resource_type, resource_id, project_id,"
            + " user_id, actor_role, action, changes, request_metadata, sensitivity_level, aggregate_version, occurred_at,"
            + " recorded_at, chain_id, seq, prev_checksum, checksum, entry_format, source_partition, source_offset";

    private CopiedChain() {
    }

    /**
     * Chains {@code entries} (in order, their seq continuing the chain) after {@code prevChecksum} and copies them in;
     * returns the chained entries. Entries with a source are stored as format 2, others as format 1.
     */
    public static List<ChainedEntry> copy(Connection c, String prevChecksum, List<AuditEntry> entries) throws SQLException {
        // Since V43 audit_logs is partitioned by month: the months of the rows must exist before the COPY, as the
        // ingest makes sure before a batch. Migration tests copy into older schemas too, which have no partitions.
        if (partitioned(c)) {
            try (PreparedStatement months = c
                    .prepareStatement("SELECT audit_logs_create_partition(m) FROM unnest(?::date[]) m")) {
                months.setArray(1, c.createArrayOf("date", entries.stream()
                        .map(e -> Date.valueOf(e.occurredAt().atZone(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1)))
                        .distinct().toArray()));
                months.execute();
            }
        }
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY audit_logs (" + COLUMNS + ") FROM STDIN");
        StringBuilder rows = new StringBuilder(1 << 20);
        String prev = prevChecksum;
        List<ChainedEntry> chained = new ArrayList<>(entries.size());
        for (AuditEntry e : entries) {
            ChainedEntry link = ChainedEntry.append(prev, e);
            chained.add(link);
            prev = link.checksum();
            boolean sourced = e.entrySource() != null;
            line(rows, e.id(), e.eventId(), e.eventType(), e.source(), e.resourceType(), e.resourceId(), e.projectId(),
                    e.userId(), e.actorRole(), e.action(), e.changes().text(), e.requestMetadata().text(),
                    e.sensitivityLevel(), e.aggregateVersion(), Timestamps.format(e.occurredAt()),
                    Timestamps.format(e.recordedAt()), e.chainId(), e.seq(), link.prevChecksum(), link.checksum(),
                    sourced ? 2 : 1, sourced ? e.entrySource().partition() : null, sourced ? e.entrySource().offset() : null);
            if (rows.length() > (1 << 20) - 8_192) {
                write(copy, rows);
            }
        }
        write(copy, rows);
        copy.endCopy();
        return chained;
    }

    private static boolean partitioned(Connection c) throws SQLException {
        try (PreparedStatement s = c
                .prepareStatement("SELECT to_regprocedure('audit_logs_create_partition(date)') IS NOT NULL");
                ResultSet rs = s.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private static void write(CopyIn copy, StringBuilder rows) throws SQLException {
        byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        rows.setLength(0);
    }

    private static void line(StringBuilder out, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            if (values[i] == null) {
                out.append("\\N");
                continue;
            }
            String text = values[i].toString();
            for (int k = 0; k < text.length(); k++) {
                char ch = text.charAt(k);
                switch (ch) {
                    case '\\' -> out.append("\\\\");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(ch);
                }
            }
        }
        out.append('\n');
    }
}
