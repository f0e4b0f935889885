package io.pjctrl.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.pjctrl.testing.KafkaBroker;
import io.pjctrl.testing.TestDatabase;

/**
 * The whole stack for system tests, one per test JVM: a real Kafka broker process with the production topic
 * names (the broker is private to this run), a fresh database per service, both packaged services as separate
 * JVMs on free ports, and the packaged witness (module witness/, its own database and key) that audit-service
 * submits every checkpoint to (quorum 1).
 */
public final class SystemStack implements AutoCloseable {

    public static final String ADMIN_EMAIL = "admin@system-test.local";
    public static final String ADMIN_PASSWORD = "system-test-admin-pw";
    public static final String EVENTS_TOPIC = "pjctrl.audit-events";
    public static final String DLQ_TOPIC = "pjctrl.audit-events.dlq";
    public static final int EVENT_PARTITIONS = 4;
    public static final String INGEST_GROUP = "audit-service-ingest";
    public static final String WITNESS_NAME = "witness.system-test.pjctrl/w1";
    /** audit-service's defaults: origin {@code <origin-prefix>/<chain_id>}, key name {@code pjctrl-audit}. */
    public static final String ORIGIN_PREFIX = "pjctrl-audit";
    public static final String LOG_KEY_NAME = "pjctrl-audit";
    private static final String CURSOR_SECRET = "system-test-cursor-secret-shared-by-every-audit-instance";
    /** audit-service's key-encryption key of the data subjects' keys (required in prod): base64 of 32 fixed bytes. */
    private static final String PRIVACY_KEK = "c3lzdGVtLXRlc3Qta2V5LWVuY3J5cHRpb24ta2V5MzI=";

    private static final Set<Integer> HANDED_OUT = new HashSet<>();
    private static SystemStack shared;

    private final Path root;
    private final Path work;
    private final KafkaBroker kafka;
    private final OtlpReceiver traces;
    private final TestDatabase projectDb;
    private final TestDatabase auditDb;
    private final TestDatabase witnessDb;
    private final WitnessKeys witnessKeys;
    private final String logVerifierKey;
    private final ServiceProcess witness;
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
        witnessDb = TestDatabase.create("pjctrl_witness");
        Path keys = Files.createDirectories(work.resolve("keys"));
        for (String key : new String[]{"jwt-private.pem", "jwt-public.pem", "checkpoint-private.pem"}) {
            try (InputStream in = SystemStack.class.getResourceAsStream("/pjctrl-test-keys/" + key)) {
                Files.copy(in, keys.resolve(key), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        witnessKeys = WitnessKeys.generate(keys.resolve("witness-private.pem"), WITNESS_NAME);
        logVerifierKey = WitnessKeys.noteVerifierKey(LOG_KEY_NAME, keys.resolve("checkpoint-private.pem"));
        witness = witness(keys);

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
                shared.witness.start();
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

    /** The packaged witness every audit-service instance submits its checkpoints to. */
    public ServiceProcess witness() {
        return witness;
    }

    /** The vkey of audit-service's checkpoint key, as an auditor holds it out of band. */
    public String logVerifierKey() {
        return logVerifierKey;
    }

    /** The witness's cosignature vkey, as its operator would hand it out. */
    public String witnessVerifierKey() {
        return witnessKeys.vkey();
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
        env.put("PJCTRL_PRIVACY_KEY_ENCRYPTION_KEY", PRIVACY_KEK);
        env.put("PJCTRL_INGEST_INSTANCE_ID", instanceId);
        env.put("PJCTRL_CHECKPOINT_INTERVAL", "2s");
        env.put("PJCTRL_UI_LOGIN_URL", projectService.url() + "/api/auth/login");
        env.put("PJCTRL_UI_LOGOUT_URL", projectService.url() + "/api/auth/logout");
        // Indexed keys as a Kubernetes ConfigMap sets them (pjctrl.witnesses[0].url ...).
        env.put("PJCTRL_WITNESSES_0__URL", witness.url());
        env.put("PJCTRL_WITNESSES_0__VERIFIER_KEY", witnessKeys.vkey());
        env.put("PJCTRL_WITNESS_QUORUM", "1");
        env.put("PJCTRL_WITNESS_RETRY_INTERVAL", "2s");
        return env;
    }

    /**
     * The witness: its own database and key, witnessing every chain of audit-service and trusting its checkpoint key
     * under audit-service's key name (as deploy/local/witness.sh configures the local one). Written to a properties
     * file, as its operator would.
     */
    private ServiceProcess witness(Path keys) throws IOException {
        StringBuilder config = new StringBuilder()
                .append("pjctrl.witness.name=").append(WITNESS_NAME).append('\n')
                .append("pjctrl.witness.private-key-file=").append(keys.resolve("witness-private.pem")).append('\n');
        for (int p = 0; p < EVENT_PARTITIONS; p++) {
            config.append("pjctrl.witness.logs[").append(p).append("].origin=").append(ORIGIN_PREFIX)
                    .append("/events-").append(p).append('\n')
                    .append("pjctrl.witness.logs[").append(p).append("].verifier-keys=").append(logVerifierKey).append('\n');
        }
        Path file = work.resolve("witness.properties");
        Files.writeString(file, config);
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(freePort()));
        env.put("QUARKUS_CONFIG_LOCATIONS", file.toString());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", witnessDb.jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", witnessDb.role());
        env.put("QUARKUS_DATASOURCE_PASSWORD", witnessDb.password());
        return service("witness", env);
    }

    @Override
    public void close() {
        auditService.stop();
        projectService.stop();
        witness.stop();
        kafka.close();
        traces.close();
        projectDb.close();
        auditDb.close();
        witnessDb.close();
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

    /**
     * A port nothing listens on, and not one handed out before in this JVM: the services start one after another, so
     * the kernel may give the same free port twice before the first service binds it (CI: project-service got the
     * witness's port, failed to bind, and the witness answered its readiness probe).
     */
    private static synchronized int freePort() {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0)) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
