package io.pjctrl.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A fresh PostgreSQL database on the local server, owned by one of the services' login roles, created for one
 * test run and dropped after it. The role needs CREATEDB ({@code deploy/local/test.sh} grants it).
 *
 * <p>
 * Host, port and password come from {@code PJCTRL_PG_HOST}, {@code PJCTRL_PG_PORT} and {@code PJCTRL_DB_PASSWORD}
 * (defaults 127.0.0.1, 5432, pjctrl-local), the same variables the local stack uses.
 */
public final class TestDatabase implements AutoCloseable {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final String host;
    private final int port;
    private final String role;
    private final String password;
    private final String name;

    private TestDatabase(String host, int port, String role, String password, String name) {
        this.host = host;
        this.port = port;
        this.role = role;
        this.password = password;
        this.name = name;
    }

    /** Creates {@code <role>_t<timestamp>_<random>} owned by {@code role}. */
    public static TestDatabase create(String role) {
        String host = env("PJCTRL_PG_HOST", "127.0.0.1");
        int port = Integer.parseInt(env("PJCTRL_PG_PORT", "5432"));
        String password = env("PJCTRL_DB_PASSWORD", "pjctrl-local");
        String name = role + "_t" + LocalDateTime.now(java.time.ZoneOffset.UTC).format(STAMP) + "_"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xFFFF));
        TestDatabase db = new TestDatabase(host, port, role, password, name);
        db.admin("CREATE DATABASE " + name + " OWNER " + role);
        return db;
    }

    public String name() {
        return name;
    }

    public String role() {
        return role;
    }

    public String password() {
        return password;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    public String reactiveUrl() {
        return "postgresql://" + host + ":" + port + "/" + name;
    }

    /** A JDBC connection to this database as its owner role (the role the service itself uses). */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), role, password);
    }

    @Override
    public void close() {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void admin(String sql) {
        String url = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        try (Connection c = DriverManager.getConnection(url, role, password); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + host + ":" + port + " refused '" + sql + "' for role " + role
                    + " (run deploy/local/test.sh, which creates the roles): " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
