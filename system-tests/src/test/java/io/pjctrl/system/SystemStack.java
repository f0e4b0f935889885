package io.pjctrl.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.pjctrl.testing.KafkaBroker;
import io.pjctrl.testing.TestDatabase;

/**
 * The whole stack for system tests, one per test JVM: a real Kafka broker process with the production topic
 * names (the broker is private to this run), a fresh database per service, and both packaged services as
 * separate JVMs on free ports.
 */
public final class SystemStack implements AutoCloseable {

    public static final String ADMIN_EMAIL = "admin@system-test.local";
    public static final String ADMIN_PASSWORD = "system-test-admin-pw";
    public static final String EVENTS_TOPIC = "pjctrl.audit-events";
    public static final String DLQ_TOPIC = "pjctrl.audit-events.dlq";
    public static final int EVENT_PARTITIONS = 4;
    public static final String INGEST_GROUP = "audit-service-ingest";
    private static final String CURSOR_SECRET = "system-test-cursor-secret-shared-by-every-audit-instance";

    private static SystemStack shared;

    private final Path root;
    private final Path work;
    private final KafkaBroker kafka;
    private final OtlpReceiver traces;
    private final TestDatabase projectDb;
    private final TestDatabase auditDb;
    private final ServiceProcess projectService;
    private final ServiceProcess auditService;

    private SystemStack() throws IOException {
        root = Path.of(System.getProperty("pjctrl.root", "..")).toAbsolutePath().normalize();
        work = Files.createDirectories(root.resolve("system-tests/target/system-stack"));
        kafka = KafkaBroker.start();
        traces = OtlpReceiver.start();
        kafka.createTopics(Map.of(EVENTS_TOPIC, EVENT_PARTITIONS, DLQ_TOPIC, 1, "pjctrl.audit-alerts", 1,
                "pjctrl.audit-checkpoints", 1));
        projectDb = TestDatabase.create("pjctrl_project");
        auditDb = TestDatabase.create("pjctrl_audit");
        Path keys = Files.createDirectories(work.resolve("keys"));
        for (String key : new String[]{"jwt-private.pem", "jwt-public.pem", "checkpoint-private.pem"}) {
            try (InputStream in = SystemStack.class.getResourceAsStream("/pjctrl-test-keys/" + key)) {
                Files.copy(in, keys.resolve(key), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }

        Map<String, String> project = common(projectDb, keys);
        project.put("SMALLRYE_JWT_SIGN_KEY_LOCATION", keys.resolve("jwt-private.pem").toString());
        project.put("PJCTRL_HTTP_TRUSTED_PROXIES", "127.0.0.1/32");
        project.put("PJCTRL_ADMIN_EMAIL", ADMIN_EMAIL);
        project.put("PJCTRL_ADMIN_PASSWORD", ADMIN_PASSWORD);
        projectService = service("project-service", project);

        auditService = service("audit-service", auditEnv("audit-service"));
    }

    /** The stack of this test JVM, started on first use, stopped when the JVM exits. */
    public static synchronized SystemStack shared() {
        if (shared == null) {
            try {
                shared = new SystemStack();
                shared.projectService.start();
                shared.auditService.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "system-stack-shutdown"));
        }
        return shared;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    /** The OTLP receiver both services export their spans to. */
    public OtlpReceiver traces() {
        return traces;
    }

    public TestDatabase projectDb() {
        return projectDb;
    }

    public TestDatabase auditDb() {
        return auditDb;
    }

    public ServiceProcess projectService() {
        return projectService;
    }

    public ServiceProcess auditService() {
        return auditService;
    }

    public Path root() {
        return root;
    }

    public Path work() {
        return work;
    }

    /**
     * Another audit-service JVM in the same consumer group, with the same keys and cursor secret and its own port and
     * Kafka instance id ({@code name}); not started.
     */
    public ServiceProcess newAuditServiceInstance(String name) {
        Map<String, String> env = auditEnv(name);
        return new ServiceProcess(name, root.resolve("audit-service/target/quarkus-app/quarkus-run.jar"),
                work.resolve(name + ".log"), Integer.parseInt(env.get("QUARKUS_HTTP_PORT")), env);
    }

    /**
     * audit-service's environment on a port of its own; every instance is configured alike (one cursor secret, as the
     * Kubernetes Secret gives every replica) except for its Kafka static-membership id, as the pod name would be.
     */
    private Map<String, String> auditEnv(String instanceId) {
        Path keys = work.resolve("keys");
        Map<String, String> env = common(auditDb, keys);
        env.put("PJCTRL_CHECKPOINT_PRIVATE_KEY_FILE", keys.resolve("checkpoint-private.pem").toString());
        env.put("PJCTRL_API_CURSOR_SECRET", CURSOR_SECRET);
        env.put("PJCTRL_INGEST_INSTANCE_ID", instanceId);
        env.put("PJCTRL_CHECKPOINT_INTERVAL", "2s");
        env.put("PJCTRL_UI_LOGIN_URL", projectService.url() + "/api/auth/login");
        env.put("PJCTRL_UI_LOGOUT_URL", projectService.url() + "/api/auth/logout");
        return env;
    }

    @Override
    public void close() {
        auditService.stop();
        projectService.stop();
        kafka.close();
        traces.close();
        projectDb.close();
        auditDb.close();
    }

    private ServiceProcess service(String module, Map<String, String> env) {
        return new ServiceProcess(module, root.resolve(module + "/target/quarkus-app/quarkus-run.jar"),
                work.resolve(module + ".log"), Integer.parseInt(env.get("QUARKUS_HTTP_PORT")), env);
    }

    private Map<String, String> common(TestDatabase db, Path keys) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(freePort()));
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", db.reactiveUrl());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", db.role());
        env.put("QUARKUS_DATASOURCE_PASSWORD", db.password());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.resolve("jwt-public.pem").toString());
        // Configuring an endpoint is what turns export (and sampling) on, as in production (docs/operations.md).
        env.put("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", traces.endpoint());
        env.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms");
        return env;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
