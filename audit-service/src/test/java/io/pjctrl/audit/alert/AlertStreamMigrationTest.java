package io.pjctrl.audit.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pjctrl.audit.testsupport.MigratedDatabase;
import io.pjctrl.testing.TestDatabase;

/**
 * V32 on a database that already holds alerts (schema V31): the existing alerts get stream positions in the order they
 * were raised, and alerts stored afterwards continue after them.
 */
class AlertStreamMigrationTest {

    private MigratedDatabase scratch;
    private TestDatabase db;

    @BeforeEach
    void createDatabase() {
        scratch = MigratedDatabase.create();
        db = scratch.db();
    }

    @AfterEach
    void dropDatabase() {
        scratch.close();
    }

    @Test
    void shouldNumberExistingAlertsInTheOrderTheyWereRaisedAndContinueAfterThem() throws Exception {
        migrate("31");
        UUID newest = insertAlert(Instant.parse("2026-11-30T12:00:00Z"));
        UUID oldest = insertAlert(Instant.parse("2026-11-28T09:00:00Z"));
        UUID middle = insertAlert(Instant.parse("2026-11-29T10:30:00Z"));

        migrate(null);
        UUID after = insertAlert(Instant.parse("2026-11-01T00:00:00Z"));

        assertThat(positions()).containsExactly(oldest + "=1", middle + "=2", newest + "=3", after + "=4");
    }

    @Test
    void shouldRefuseAStreamPositionChosenByTheWriter() throws Exception {
        migrate(null);

        assertThatThrownBy(() -> execute("INSERT INTO audit_alerts (id, rule, severity, message, created_at, stream_position)"
                + " VALUES (gen_random_uuid(), 'r', 'low', 'm', now(), 1)"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("stream_position");
    }

    private void migrate(String target) {
        scratch.migrate(target);
    }

    private UUID insertAlert(Instant createdAt) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = db.connect();
                PreparedStatement s = c.prepareStatement("INSERT INTO audit_alerts (id, rule, severity, message, created_at)"
                        + " VALUES (?, 'integrity_verification_failed', 'critical', 'chain events-0 broken', ?)")) {
            s.setObject(1, id);
            s.setTimestamp(2, Timestamp.from(createdAt));
            s.executeUpdate();
        }
        return id;
    }

    private List<String> positions() throws SQLException {
        List<String> positions = new ArrayList<>();
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, stream_position FROM audit_alerts ORDER BY stream_position")) {
            while (rs.next()) {
                positions.add(rs.getObject(1, UUID.class) + "=" + rs.getLong(2));
            }
        }
        return positions;
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
