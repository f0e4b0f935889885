package io.pjctrl.audit.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Creates the monthly partitions of audit_logs (V43) that rows a test inserts by SQL fall in, through the same
 * {@code audit_logs_create_partition} the service uses. The service itself creates only the current month and the
 * months ahead; a row of another month would find no partition.
 */
public final class MonthPartitions {

    private MonthPartitions() {
    }

    /** Every month from the one holding {@code from} to the one holding {@code to} (UTC); returns how many were new. */
    public static long cover(Connection c, Instant from, Instant to) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FILTER (WHERE audit_logs_create_partition(m::date))"
                + " FROM generate_series(date_trunc('month', ?::timestamptz AT TIME ZONE 'UTC'),"
                + " ?::timestamptz AT TIME ZONE 'UTC', interval '1 month') AS m")) {
            s.setObject(1, from.atOffset(ZoneOffset.UTC));
            s.setObject(2, to.atOffset(ZoneOffset.UTC));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
