package io.pjctrl.audit.testsupport;

import org.flywaydb.core.Flyway;

import io.pjctrl.testing.TestDatabase;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgPool;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/**
 * The migration tests' scratch database: a database of its own, migrated by the service's own migrations to a given
 * version (to hold rows of the older schema), then on to the latest; with a small reactive pool for the code under
 * test. Closing it drops the database.
 */
public final class MigratedDatabase implements AutoCloseable {

    private final TestDatabase db;
    private Vertx vertx;
    private Pool pool;

    private MigratedDatabase(TestDatabase db) {
        this.db = db;
    }

    public static MigratedDatabase create() {
        return new MigratedDatabase(TestDatabase.create("pjctrl_audit"));
    }

    public TestDatabase db() {
        return db;
    }

    /** Migrates to {@code target} (e.g. "32"), or to the latest version when it is null. */
    public void migrate(String target) {
        var configuration = Flyway.configure()
                .dataSource(db.jdbcUrl(), db.role(), db.password())
                .locations("classpath:db/migration");
        if (target != null) {
            configuration.target(target);
        }
        configuration.load().migrate();
    }

    /** A reactive pool of two connections on the database, made on first use. */
    public Pool pool() {
        if (pool == null) {
            vertx = Vertx.vertx();
            pool = PgPool.pool(vertx, PgConnectOptions.fromUri(db.reactiveUrl()).setUser(db.role()).setPassword(db.password()),
                    new PoolOptions().setMaxSize(2));
        }
        return pool;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.closeAndAwait();
            vertx.closeAndAwait();
        }
        db.close();
    }
}
