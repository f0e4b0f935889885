package io.pjctrl.audit.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.pjctrl.audit.testsupport.StoredChains;
import io.pjctrl.audit.testsupport.TestEvent;
import io.pjctrl.audit.testsupport.TestEvents;
import io.pjctrl.contract.chain.AuditEntry;
import io.pjctrl.contract.chain.CanonicalJson;
import io.pjctrl.contract.chain.ChainMismatch;
import io.pjctrl.contract.chain.ChainedEntry;
import io.pjctrl.contract.chain.Checksums;
import io.pjctrl.contract.chain.Timestamps;
import io.pjctrl.contract.event.EventContract;
import io.pjctrl.contract.event.ValidEvent;
import io.pjctrl.testing.InjectInfra;
import io.pjctrl.testing.KafkaBroker;
import io.pjctrl.testing.TestDatabase;
import io.pjctrl.testing.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * Several writers on the same chains. What this proves, and how:
 * <ul>
 * <li>a second ingest instance joining and leaving the consumer group mid-stream: a plain {@link KafkaConsumer} in
 * the same group as the service's channel runs the service's own {@link EventIngestConsumer#process} and commits
 * after it, so partitions move between the two consumers (rebalances, redelivery of uncommitted records, a new
 * owner resuming each chain from the head stored in the database) while events keep arriving;</li>
 * <li>a zombie writer: another transaction takes the next position of a chain while the service's batch is in
 * flight; the service's insert fails on (chain_id, seq) and its retry continues after the other writer's entry.</li>
 * </ul>
 * Both run in this JVM against the real broker and database; they do not kill the Quarkus process itself.
 */
@QuarkusTest
class IngestRebalanceTest {

    @InjectInfra
    KafkaCompanion kafka;

    @InjectInfra
    KafkaBroker broker;

    @InjectInfra
    TestTopics topics;

    @InjectInfra
    TestDatabase database;

    @Inject
    EventIngestConsumer ingestConsumer;

    @Inject
    IngestService ingestService;

    @Inject
    MeterRegistry registry;

    TestEvents events;

    @BeforeEach
    void setUp() {
        events = new TestEvents(kafka, topics, database);
    }

    @Test
    void shouldKeepEveryChainDenseAndLinkedWhileASecondInstanceJoinsLeavesAndRejoins() throws Exception {
        List<TestEvent> all = new ArrayList<>();
        SecondInstance second = new SecondInstance();

        all.addAll(publishBurst(300));
        second.start();
        all.addAll(publishBurst(300));
        second.awaitProcessed(1, Duration.ofSeconds(60));
        all.addAll(publishBurst(300));
        second.stop();
        all.addAll(publishBurst(300));
        second.start();
        all.addAll(publishBurst(300));
        events.awaitStored(all.stream().map(TestEvent::eventId).toList(), Duration.ofSeconds(120));
        second.stop();

        assertThat(second.processed()).as("records the second instance handled").isPositive();
        assertThat(events.countStored(all.stream().map(TestEvent::eventId).toList())).isEqualTo(all.size());
        assertDenseAndLinked();
    }

    @Test
    void shouldNotForkAChainWhenAZombieWritesTheSamePosition() throws Exception {
        double retriesBefore = registry.counter("pjctrl.ingest.batch.retries").count();
        String chainId = ingestService.chainId(3);
        ValidEvent mine = valid(TestEvent.of("task.update"), 3);

        ChainedEntry other;
        try (Connection zombie = database.connect()) {
            zombie.setAutoCommit(false);
            other = insertNextEntry(zombie, chainId);
            CompletableFuture<IngestResult> batch = ingestService.ingest(List.of(mine)).subscribeAsCompletionStage();
            Thread.sleep(1000);
            assertThat(batch).as("blocked on the other writer's uncommitted (chain_id, seq)").isNotDone();
            zombie.commit();
            IngestResult result = batch.get(30, TimeUnit.SECONDS);

            assertThat(result.stored()).singleElement().satisfies(e -> {
                assertThat(e.seq()).isEqualTo(other.seq() + 1);
                assertThat(e.prevChecksum()).isEqualTo(other.checksum());
            });
        }
        assertThat(registry.counter("pjctrl.ingest.batch.retries").count()).isGreaterThan(retriesBefore);
        assertDenseAndLinked();
    }

    @Test
    void shouldStoreAnEventOnceWhenTwoWritersIngestItConcurrently() throws Exception {
        TestEvent event = TestEvent.of("task.update");
        ValidEvent onOne = valid(event, 1);
        ValidEvent onTwo = valid(event, 2);

        CompletableFuture<IngestResult> a = ingestService.ingest(List.of(onOne)).subscribeAsCompletionStage();
        CompletableFuture<IngestResult> b = ingestService.ingest(List.of(onTwo)).subscribeAsCompletionStage();
        int stored = a.get(30, TimeUnit.SECONDS).stored().size() + b.get(30, TimeUnit.SECONDS).stored().size();

        assertThat(stored).isEqualTo(1);
        assertThat(events.countStored(List.of(event.eventId()))).isEqualTo(1);
        assertDenseAndLinked();
    }

    private void assertDenseAndLinked() {
        Map<String, List<ChainedEntry>> chains = StoredChains.read(database);
        List<ChainMismatch> mismatches = StoredChains.verifyAll(database);
        assertThat(mismatches).isEmpty();
        chains.forEach(
                (chain, entries) -> assertThat(entries.get(entries.size() - 1).seq()).as(chain).isEqualTo(entries.size()));
    }

    private List<TestEvent> publishBurst(int count) {
        List<TestEvent> burst = IntStream.range(0, count).mapToObj(i -> TestEvent.of("task.update")).toList();
        events.publish(burst);
        return burst;
    }

    private static ValidEvent valid(TestEvent event, int partition) {
        return new EventContract(1 << 20).validateData(event.data(), "/pjctrl/project-service", partition, 0);
    }

    /** Inserts a valid next entry of {@code chainId} in the caller's (open) transaction, like a competing writer. */
    private static ChainedEntry insertNextEntry(Connection c, String chainId) throws SQLException {
        long seq = 0;
        String prev = Checksums.GENESIS;
        try (PreparedStatement s = c.prepareStatement(
                "SELECT seq, checksum FROM audit_logs WHERE chain_id = ? ORDER BY seq DESC LIMIT 1")) {
            s.setString(1, chainId);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    seq = rs.getLong(1);
                    prev = rs.getString(2);
                }
            }
        }
        Instant now = Timestamps.truncate(Instant.now());
        AuditEntry entry = new AuditEntry(UUID.randomUUID(), UUID.randomUUID(), "task.update", "/zombie", "task",
                UUID.randomUUID().toString(), null, null, null, "update", CanonicalJson.parse("{}"),
                CanonicalJson.parse("{\"ip\":null,\"request_id\":null,\"trace_id\":null,\"user_agent\":null}"), "low", 0, now,
                now, chainId, seq + 1);
        ChainedEntry chained = ChainedEntry.append(prev, entry);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_logs (id, event_id, event_type, source, resource_type,"
                + " resource_id, action, changes, request_metadata, sensitivity_level, aggregate_version, occurred_at,"
                + " recorded_at, chain_id, seq, prev_checksum, checksum) VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?,"
                + " ?, ?, ?, ?, ?, ?)")) {
            s.setObject(1, entry.id());
            s.setObject(2, entry.eventId());
            s.setString(3, entry.eventType());
            s.setString(4, entry.source());
            s.setString(5, entry.resourceType());
            s.setString(6, entry.resourceId());
            s.setString(7, entry.action());
            s.setString(8, entry.changes().text());
            s.setString(9, entry.requestMetadata().text());
            s.setString(10, entry.sensitivityLevel());
            s.setLong(11, entry.aggregateVersion());
            s.setObject(12, entry.occurredAt().atOffset(java.time.ZoneOffset.UTC));
            s.setObject(13, entry.recordedAt().atOffset(java.time.ZoneOffset.UTC));
            s.setString(14, chainId);
            s.setLong(15, entry.seq());
            s.setString(16, chained.prevChecksum());
            s.setString(17, chained.checksum());
            s.executeUpdate();
        }
        return chained;
    }

    /** A second ingest instance: same consumer group and processing code, offsets committed after each batch. */
    private final class SecondInstance {

        private final AtomicLong processed = new AtomicLong();
        private volatile boolean running;
        private Thread thread;

        void start() {
            running = true;
            thread = new Thread(this::run, "second-ingest-instance");
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(60_000);
        }

        long processed() {
            return processed.get();
        }

        void awaitProcessed(long atLeast, Duration timeout) throws InterruptedException {
            Instant deadline = Instant.now().plus(timeout);
            while (processed.get() < atLeast && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
        }

        private void run() {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            props.put(ConsumerConfig.GROUP_ID_CONFIG, "audit-service-ingest");
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(topics.events()));
                while (running) {
                    ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
                    if (!records.isEmpty()) {
                        ingestConsumer.process(records).await().atMost(Duration.ofSeconds(60));
                        consumer.commitSync();
                        processed.addAndGet(records.count());
                    }
                }
            }
        }
    }
}
