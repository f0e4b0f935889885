package io.pjctrl.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** JDBC connections of the tools, from --jdbc, --user, --password. */
final class Db {

    private Db() {
    }

    static Connection connect(Args args) throws SQLException {
        return DriverManager.getConnection(args.text("jdbc", "jdbc:postgresql://127.0.0.1:5432/pjctrl_audit"),
                args.text("user", "pjctrl_audit"), args.text("password", System.getenv()
                        .getOrDefault("PJCTRL_DB_PASSWORD", "pjctrl-local")));
    }
}
