package io.pjctrl.system;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.restassured.http.ContentType;

/**
 * Compares what project-service committed (its outbox, the source of truth of "what happened") with what
 * audit-service stored, after the pipeline has drained. Direct SQL on both databases, the verify API for the
 * chains, and the dead-letter topic's end offsets.
 */
final class Reconciler {

    /** project-service's outbox: one row per committed change, id = the event id (ce_id). */
    static final String OUTBOX_IDS = "SELECT id::text FROM outbox_event";
    static final String OUTBOX_UNSENT = "SELECT count(*) FROM outbox_event WHERE sent_at IS NULL";
    static final String PRODUCER_SOURCE = "/pjctrl/project-service";

    record Result(int committed, int lost, int duplicated, boolean chainsValid, long dlq) {

        String line(String drill) {
            return "drill " + drill + ": lost=" + lost + " duplicated=" + duplicated + " chains="
                    + (chainsValid ? "valid" : "invalid") + " dlq=" + dlq;
        }
    }

    private final SystemStack stack;

    Reconciler(SystemStack stack) {
        this.stack = stack;
    }

    /** Waits until the outbox is drained and every committed event is stored (or the timeout passes). */
    void awaitDrained(Duration timeout) throws SQLException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (count(stack.projectDb().connect(), OUTBOX_UNSENT) == 0 && missing().isEmpty()) {
                return;
            }
            ServiceProcess.sleep(500);
        }
    }

    Result reconcile(long dlqBefore) throws SQLException {
        Set<String> committed = ids(stack.projectDb().connect(), OUTBOX_IDS);
        Set<String> missing = missing();
        long duplicated = count(stack.auditDb().connect(),
                "SELECT count(*) - count(DISTINCT event_id) FROM audit_logs");
        return new Result(committed.size(), missing.size(), (int) duplicated, chainsValid(), dlqEnd() - dlqBefore);
    }

    /** The number of records ever written to the dead-letter topic. */
    long dlqEnd() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            TopicPartition partition = new TopicPartition(SystemStack.DLQ_TOPIC, 0);
            return consumer.endOffsets(Set.of(partition), Duration.ofSeconds(30)).get(partition);
        }
    }

    private boolean chainsValid() {
        String token = Api.login(stack, SystemStack.ADMIN_EMAIL, SystemStack.ADMIN_PASSWORD);
        String status = given().baseUri(stack.auditService().url())
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/api/integrity/verify")
                .then()
                .statusCode(200)
                .extract()
                .path("status");
        return "valid".equals(status);
    }

    private Set<String> missing() throws SQLException {
        Set<String> committed = ids(stack.projectDb().connect(), OUTBOX_IDS);
        committed.removeAll(ids(stack.auditDb().connect(),
                "SELECT event_id::text FROM audit_logs WHERE source = '" + PRODUCER_SOURCE + "'"));
        return committed;
    }

    private static Set<String> ids(Connection connection, String sql) throws SQLException {
        try (Connection c = connection; Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            Set<String> ids = new HashSet<>();
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
            return ids;
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Connection c = connection; Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
