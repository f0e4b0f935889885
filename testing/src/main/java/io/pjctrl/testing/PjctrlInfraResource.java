package io.pjctrl.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * The one place where a service's tests get their infrastructure: a real Kafka broker (one per test JVM,
 * shared by every Quarkus application started in it), topics unique to the run, and a fresh PostgreSQL
 * database owned by the service's role, dropped when the application stops.
 *
 * <p>
 * Init arg {@code database-role}: the login role that owns the database ({@code pjctrl_project} or
 * {@code pjctrl_audit}).
 */
public class PjctrlInfraResource implements QuarkusTestResourceLifecycleManager {

    private static KafkaBroker broker;

    private String role;
    private TestDatabase database;
    private TestTopics topics;
    private KafkaCompanion companion;

    @Override
    public void init(Map<String, String> initArgs) {
        role = initArgs.getOrDefault("database-role", "pjctrl_audit");
    }

    @Override
    public Map<String, String> start() {
        KafkaBroker kafka = sharedBroker();
        topics = TestTopics.forRun(UUID.randomUUID().toString().substring(0, 8));
        kafka.createTopics(topics.partitions());
        database = TestDatabase.create(role);
        companion = new KafkaCompanion(kafka.bootstrapServers());

        Map<String, String> config = new HashMap<>(topics.config());
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("quarkus.datasource.reactive.url", database.reactiveUrl());
        config.put("quarkus.datasource.jdbc.url", database.jdbcUrl());
        config.put("quarkus.datasource.username", database.role());
        config.put("quarkus.datasource.password", database.password());
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(sharedBroker(),
                new TestInjector.AnnotatedAndMatchesType(InjectInfra.class, KafkaBroker.class));
        injector.injectIntoFields(database, new TestInjector.AnnotatedAndMatchesType(InjectInfra.class, TestDatabase.class));
        injector.injectIntoFields(topics, new TestInjector.AnnotatedAndMatchesType(InjectInfra.class, TestTopics.class));
        injector.injectIntoFields(companion, new TestInjector.AnnotatedAndMatchesType(InjectInfra.class, KafkaCompanion.class));
    }

    @Override
    public void stop() {
        if (companion != null) {
            companion.close();
        }
        if (database != null) {
            database.close();
        }
    }

    /** The broker of this test JVM, started on first use and stopped when the JVM exits. */
    public static synchronized KafkaBroker sharedBroker() {
        if (broker == null) {
            broker = KafkaBroker.start();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-broker-shutdown"));
        } else if (!broker.isRunning()) {
            broker.restart();
        }
        return broker;
    }
}
