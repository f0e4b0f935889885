package io.pjctrl.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import io.pjctrl.testing.TestDatabase;

/**
 * Upgrades a database that holds data of the previous schema version to the current one, as a deployment does:
 * the rows survive and the new tables work.
 */
class MigrationUpgradeTest {

    @Test
    void shouldUpgradeAVersion3DatabaseWithUsersAndRevocationsToTheLoginThrottle() throws Exception {
        try (TestDatabase db = TestDatabase.create("pjctrl_project")) {
            flyway(db, "3").migrate();
            UUID user = UUID.randomUUID();
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO app_user (id, email, display_name, role, password_hash, created_at, updated_at, "
                        + "version) VALUES ('" + user + "', 'old@pjctrl.test', 'Old', 'MEMBER', '$2a$04$x', now(), now(), 0)");
                s.execute("INSERT INTO revoked_token (jti, user_id, expires_at) VALUES ('jti-1', '" + user
                        + "', now() + interval '1 hour')");
            }

            assertThat(flyway(db, "latest").migrate().migrationsExecuted).isPositive();

            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                assertThat(count(s, "SELECT count(*) FROM app_user WHERE email = 'old@pjctrl.test'")).isEqualTo(1);
                assertThat(count(s, "SELECT count(*) FROM revoked_token WHERE jti = 'jti-1'")).isEqualTo(1);
                s.execute("INSERT INTO login_throttle (throttle_key, failures, last_attempt_at) "
                        + "VALUES ('account:old@pjctrl.test', 1, now())");
                assertThat(count(s, "SELECT failures FROM login_throttle WHERE throttle_key = 'account:old@pjctrl.test'"))
                        .isEqualTo(1);
            }
        }
    }

    @Test
    void shouldUpgradeAVersion4DatabaseWithPendingOutboxRowsToTheTraceContextColumns() throws Exception {
        try (TestDatabase db = TestDatabase.create("pjctrl_project")) {
            flyway(db, "4").migrate();
            UUID pending = UUID.randomUUID();
            UUID sent = UUID.randomUUID();
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO outbox_event (id, aggregatetype, aggregateid, type, payload, occurred_at) VALUES ('"
                        + pending + "', 'task', 't-1', 'task.update', '{\"v\":1}', now())");
                s.execute("INSERT INTO outbox_event (id, aggregatetype, aggregateid, type, payload, occurred_at, sent_at)"
                        + " VALUES ('" + sent + "', 'task', 't-1', 'task.create', '{\"v\":0}', now(), now())");
            }

            assertThat(flyway(db, "latest").migrate().migrationsExecuted).isPositive();

            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                assertThat(count(s, "SELECT count(*) FROM outbox_event WHERE sent_at IS NULL AND id = '" + pending
                        + "' AND payload = '{\"v\":1}' AND traceparent IS NULL AND tracestate IS NULL"))
                        .as("the pending row survives, still pending, without a trace context")
                        .isEqualTo(1);
                assertThat(count(s, "SELECT count(*) FROM outbox_event WHERE id = '" + sent + "' AND sent_at IS NOT NULL"))
                        .isEqualTo(1);
                s.execute("INSERT INTO outbox_event (id, aggregatetype, aggregateid, type, payload, occurred_at, "
                        + "traceparent, tracestate) VALUES ('" + UUID.randomUUID() + "', 'task', 't-1', 'task.update', "
                        + "'{}', now(), '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', 'vendor=x')");
                assertThat(count(s, "SELECT count(*) FROM outbox_event WHERE sent_at IS NULL")).isEqualTo(2);
            }
        }
    }

    private static Flyway flyway(TestDatabase db, String target) {
        return Flyway.configure()
                .dataSource(db.jdbcUrl(), db.role(), db.password())
                .locations("classpath:db/migration")
                .target(target)
                .load();
    }

    private static long count(Statement statement, String sql) throws Exception {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
