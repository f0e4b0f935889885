package io.pjctrl.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Fault drills: under sustained writes through project-service, break one part of the system, let it recover,
 * then reconcile — every event committed in project-service's outbox is stored exactly once by audit-service,
 * every chain verifies, and the dead-letter topic holds exactly the poison records. Each drill prints
 * {@code drill <name>: lost=N duplicated=N chains=valid|invalid dlq=N} (also appended to
 * target/drills.txt). Run one with {@code deploy/local/drills.sh <name>}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DrillsIT {

    private static final int WRITES_PER_SECOND = 40;
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(90);
    private static final int PARTITION_RECOVERY_LIMIT_SECONDS = 10;
    /** How long project-kill waits to catch the outbox with unsent rows before it fails. */
    private static final Duration UNSENT_TIMEOUT = Duration.ofSeconds(30);

    private static SystemStack stack;
    private static Reconciler reconciler;

    @BeforeAll
    static void startStack() {
        stack = SystemStack.shared();
        reconciler = new Reconciler(stack);
    }

    @Test
    @Order(1)
    void brokerKill() throws Exception {
        drill("broker-kill", 0, () -> {
            sleep(5);
            stack.kafka().kill();
            sleep(20);
            stack.kafka().restart();
            sleep(5);
        });
    }

    /**
     * SIGKILL of audit-service under load, five times, each restarted under the same Kafka instance id (as a container
     * restarted in its pod). Each time it measures kill -> ready and ready -> every partition consumed again (each
     * partition's chain grew past its head at the kill), and fails when the latter exceeds
     * {@value #PARTITION_RECOVERY_LIMIT_SECONDS} s.
     */
    @Test
    @Order(2)
    void auditKill() throws Exception {
        IngestGroup group = new IngestGroup(stack);
        List<Duration> recoveries = new ArrayList<>();
        drill("audit-kill", 0, () -> {
            for (int i = 0; i < 5; i++) {
                sleep(3);
                long killedAt = System.nanoTime();
                stack.auditService().kill();
                Map<String, Long> headsAtKill = group.heads();
                stack.auditService().start();
                long readyAt = System.nanoTime();
                Duration recovery = awaitEveryChainPast(group, headsAtKill, Duration.ofSeconds(60));
                recoveries.add(recovery);
                report("drill audit-kill recovery " + (i + 1) + ": kill->ready "
                        + seconds(Duration.ofNanos(readyAt - killedAt)) + " s, ready->all partitions consumed "
                        + seconds(recovery) + " s, kill->all partitions consumed "
                        + seconds(Duration.ofNanos(readyAt - killedAt).plus(recovery)) + " s");
            }
        });
        assertThat(recoveries).as("ready -> all partitions consumed again, per kill")
                .hasSize(5)
                .allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(PARTITION_RECOVERY_LIMIT_SECONDS)));
    }

    @Test
    @Order(3)
    void projectKill() throws Exception {
        drill("project-kill", 0, () -> {
            sleep(3);
            long unsent = awaitUnsentOutboxRows();
            stack.projectService().kill();
            report("project-kill: killed with " + unsent + " unsent outbox rows");
            stack.projectService().start();
            sleep(3);
        });
    }

    @Test
    @Order(4)
    void postgresRestart() throws Exception {
        drill("postgres-restart", 0, () -> {
            sleep(5);
            restartPostgres();
            stack.auditService().awaitReady(Duration.ofSeconds(60));
            stack.projectService().awaitReady(Duration.ofSeconds(60));
            sleep(5);
        });
    }

    @Test
    @Order(5)
    void rebalance() throws Exception {
        drill("rebalance", 0, () -> {
            ServiceProcess second = stack.newAuditServiceInstance("audit-service-2");
            sleep(3);
            second.start();
            sleep(10);
            second.stop();
            sleep(5);
        });
    }

    @Test
    @Order(6)
    void poison() throws Exception {
        List<byte[]> poison = List.of("not json".getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8),
                "{\"event_id\":\"x\"}".getBytes(StandardCharsets.UTF_8), new byte[]{(byte) 0xC3, (byte) 0x28},
                "[1,2,3]".getBytes(StandardCharsets.UTF_8));
        drill("poison", poison.size(), () -> {
            try (KafkaProducer<byte[], byte[]> producer = producer()) {
                for (byte[] value : poison) {
                    sleep(1);
                    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(SystemStack.EVENTS_TOPIC,
                            ("poison:" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8), value);
                    record.headers().add(new RecordHeader("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8)));
                    record.headers()
                            .add(new RecordHeader("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8)));
                    record.headers().add(new RecordHeader("ce_type", "task.update".getBytes(StandardCharsets.UTF_8)));
                    record.headers().add(new RecordHeader("ce_source", "/drill".getBytes(StandardCharsets.UTF_8)));
                    producer.send(record).get();
                }
            }
            sleep(3);
        });
    }

    private interface Fault {

        void inject() throws Exception;
    }

    private void drill(String name, int expectedDlq, Fault fault) throws Exception {
        long dlqBefore = reconciler.dlqEnd();
        try (WriteLoad load = new WriteLoad(stack).start(WRITES_PER_SECOND)) {
            fault.inject();
            sleep(2);
            assertThat(load.succeeded()).as("writes accepted during the drill").isPositive();
        }
        reconciler.awaitDrained(DRAIN_TIMEOUT);
        Reconciler.Result result = reconciler.reconcile(dlqBefore);
        report(result.line(name) + " (committed=" + result.committed() + ")");
        assertThat(result.lost()).as("events committed but not stored").isZero();
        assertThat(result.duplicated()).as("events stored twice").isZero();
        assertThat(result.chainsValid()).as("every chain verifies").isTrue();
        assertThat(result.dlq()).as("dead-lettered records").isEqualTo(expectedDlq);
    }

    /**
     * Time until every partition's chain is longer than at the kill: the restarted instance consumes all of them again.
     * Under the drill's load every partition receives events, so a partition still held by the dead consumers would not
     * grow and the wait would run into the timeout.
     */
    private static Duration awaitEveryChainPast(IngestGroup group, Map<String, Long> heads, Duration timeout)
            throws Exception {
        long start = System.nanoTime();
        Map<String, Long> now = group.heads();
        while (heads.entrySet().stream().anyMatch(h -> now.get(h.getKey()) <= h.getValue())) {
            if (System.nanoTime() - start > timeout.toNanos()) {
                throw new AssertionError("partitions not consumed " + timeout + " after ready: heads at kill " + heads
                        + ", now " + now + ", owners " + group.owners());
            }
            Thread.sleep(100);
            now.putAll(group.heads());
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }

    private static void report(String line) throws IOException {
        System.out.println(line);
        Path file = stack.root().resolve("system-tests/target/drills.txt");
        Files.writeString(file, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /**
     * Returns as soon as the outbox holds committed but unsent rows, so the kill that follows hits the relay with work
     * in hand. Fails when it sees none in {@link #UNSENT_TIMEOUT}: a kill of an idle relay would pass the drill without
     * producing its fault.
     */
    private static long awaitUnsentOutboxRows() throws Exception {
        long deadline = System.nanoTime() + UNSENT_TIMEOUT.toNanos();
        try (Connection c = stack.projectDb().connect(); Statement s = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = s.executeQuery(Reconciler.OUTBOX_UNSENT)) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        return rs.getLong(1);
                    }
                }
                Thread.sleep(2);
            }
        }
        throw new AssertionError("the outbox had no unsent rows for " + UNSENT_TIMEOUT.toSeconds()
                + " s under load: project-kill could not kill the relay with work in hand");
    }

    private static void restartPostgres() throws Exception {
        String version = Files.list(Path.of("/etc/postgresql")).map(p -> p.getFileName().toString()).sorted()
                .reduce((a, b) -> b)
                .orElseThrow();
        Process restart = new ProcessBuilder("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart")
                .inheritIO()
                .start();
        assertThat(restart.waitFor()).as("pg_ctlcluster restart exit code").isZero();
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props);
    }

    private static void sleep(int seconds) {
        ServiceProcess.sleep(seconds * 1000L);
    }
}
