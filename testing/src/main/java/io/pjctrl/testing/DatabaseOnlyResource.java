package io.pjctrl.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A fresh PostgreSQL database for an application that needs nothing else (no Kafka), e.g. the witness. Init arg
 * {@code database-role}: the login role that owns it. Injects the {@link TestDatabase} into {@link InjectInfra}
 * fields; the database is dropped when the application stops.
 */
public class DatabaseOnlyResource implements QuarkusTestResourceLifecycleManager {

    private String role;
    private TestDatabase database;

    @Override
    public void init(Map<String, String> initArgs) {
        role = initArgs.get("database-role");
        if (role == null) {
            throw new IllegalArgumentException("DatabaseOnlyResource needs init arg database-role");
        }
    }

    @Override
    public Map<String, String> start() {
        database = TestDatabase.create(role);
        return Map.of("quarkus.datasource.jdbc.url", database.jdbcUrl(), "quarkus.datasource.username", database.role(),
                "quarkus.datasource.password", database.password());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(database, new TestInjector.AnnotatedAndMatchesType(InjectInfra.class, TestDatabase.class));
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
        }
    }
}
