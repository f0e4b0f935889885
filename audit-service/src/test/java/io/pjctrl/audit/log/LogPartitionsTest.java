package io.pjctrl.audit.log;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pjctrl.audit.ingest.EventIngestConsumer;
import io.pjctrl.audit.testsupport.LogRows;
import io.pjctrl.audit.testsupport.StoredChains;
import io.pjctrl.audit.testsupport.TestEvent;
import io.pjctrl.audit.testsupport.TestEvents;
import io.pjctrl.audit.testsupport.TopicReader;
import io.pjctrl.audit.web.ApiTokens;
import io.pjctrl.contract.chain.ChainedEntry;
import io.pjctrl.contract.chain.Checksums;
import io.pjctrl.contract.event.DeadLetters;
import io.pjctrl.testing.InjectInfra;
import io.pjctrl.testing.TestDatabase;
import io.pjctrl.testing.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * The monthly partitions of audit_logs (V43) as the running service makes and uses them: ahead of time, on demand for a
 * late event, never for an event outside the stored months; every partition append-only, and the log-wide keys unique
 * across partitions whoever inserts.
 */
@QuarkusTest
class LogPartitionsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @InjectInfra
    KafkaCompanion kafka;
    @InjectInfra
    TestTopics topics;
    @InjectInfra
    TestDatabase database;
    @Inject
    LogPartitions partitions;

    TestEvents events;

    @BeforeEach
    void setUp() {
        events = new TestEvents(kafka, topics, database);
    }

    @Test
    void shouldKeepTheCurrentMonthAndTheMonthsAheadPartitionedFromStartUp() {
        List<String> expected = partitions.ahead().stream().map(LogPartitionsTest::partitionName).toList();
        assertThat(expected).hasSize(4); // the current month + pjctrl.partitions.months-ahead (3)

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(partitionNames()).containsAll(expected));
    }

    @Test
    void shouldRefuseUpdateDeleteAndTruncateOnAPartitionTheServiceCreatedAfterTheMigration() throws Exception {
        YearMonth month = YearMonth.of(2015, 5); // no other test uses it
        String partition = partitionName(month);
        assertThat(partitionNames()).doesNotContain(partition);
        partitions.create(List.of(month)).await().atMost(TIMEOUT);
        assertThat(partitionNames()).contains(partition);
        Instant at = month.atDay(10).atStartOfDay().toInstant(ZoneOffset.UTC);
        ChainedEntry row = ChainedEntry.append(Checksums.GENESIS, LogRows.entry("partition-" + suffix(), 1, at, at));
        try (Connection c = database.connect()) {
            LogRows.insert(c, row);
        }

        for (String table : List.of(partition, "audit_logs")) {
            assertRefused("UPDATE " + table + " SET action = 'delete' WHERE id = '" + row.entry().id() + "'", "UPDATE refused");
            assertRefused("DELETE FROM " + table + " WHERE id = '" + row.entry().id() + "'", "DELETE refused");
            assertRefused("TRUNCATE " + table, "TRUNCATE refused");
        }
        assertRefused("UPDATE audit_log_keys SET seq = 2 WHERE id = '" + row.entry().id() + "'", "UPDATE refused");
        assertRefused("TRUNCATE audit_log_keys CASCADE", "TRUNCATE refused");
        assertThat(count("SELECT count(*) FROM " + partition + " WHERE id = '" + row.entry().id() + "'")).isEqualTo(1);
    }

    @Test
    void shouldRefuseADuplicateEventIdOrChainPositionInAnotherMonthWhoeverInserts() throws Exception {
        String chain = "duplicates-" + suffix();
        Instant june = Instant.parse("2015-06-20T12:00:00Z");
        Instant july = Instant.parse("2015-07-20T12:00:00Z");
        partitions.create(List.of(YearMonth.of(2015, 6), YearMonth.of(2015, 7))).await().atMost(TIMEOUT);
        ChainedEntry first = ChainedEntry.append(Checksums.GENESIS, LogRows.entry(chain, 1, june, june));
        try (Connection c = database.connect()) {
            LogRows.insert(c, first);

            ChainedEntry samePosition = ChainedEntry.append(first.checksum(), LogRows.entry(chain, 1, july, july));
            ChainedEntry sameEvent = ChainedEntry.append(first.checksum(), LogRows.entry(chain, 2, july, july,
                    first.entry().eventId()));
            for (String table : List.of("audit_logs", "audit_logs_2015_07")) {
                assertThatThrownBy(() -> LogRows.insert(c, table, samePosition)).isInstanceOf(SQLException.class)
                        .hasMessageContaining("audit_log_keys_chain_position");
                assertThatThrownBy(() -> LogRows.insert(c, table, sameEvent)).isInstanceOf(SQLException.class)
                        .hasMessageContaining("audit_log_keys_event");
            }
        }
        assertThat(count("SELECT count(*) FROM audit_logs WHERE chain_id = '" + chain + "'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_log_keys WHERE chain_id = '" + chain + "'")).isEqualTo(1);
    }

    @Test
    void shouldCreateAMonthOnceWhenReplicasAskAtTheSameTime() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Boolean>> askers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            askers.add(CompletableFuture.supplyAsync(() -> {
                try (Connection c = database.connect();
                        PreparedStatement s = c.prepareStatement("SELECT audit_logs_create_partition('2015-09-14')")) {
                    start.await();
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        return rs.getBoolean(1);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        start.countDown();
        List<Boolean> created = new ArrayList<>();
        for (CompletableFuture<Boolean> asker : askers) {
            created.add(asker.get(30, TimeUnit.SECONDS));
        }

        assertThat(created).containsExactlyInAnyOrder(true, false, false, false);
        assertThat(partitionNames()).containsOnlyOnce("audit_logs_2015_09");
    }

    @Test
    void shouldStoreALateEventInItsMonthCreatingThePartitionItNeeds() throws Exception {
        Instant late = Instant.now().minus(215, ChronoUnit.DAYS);
        String partition = partitionName(LogPartitions.month(late));
        assertThat(partitionNames()).doesNotContain(partition);
        TestEvent event = TestEvent.of("task.update").partition(2).occurredAt(late);
        TestEvent next = TestEvent.of("task.update").partition(2);

        events.publishAndAwait(event, next);

        assertThat(count("SELECT count(*) FROM " + partition + " WHERE event_id = '" + event.eventId() + "'")).isEqualTo(1);
        assertThat(StoredChains.verifyAll(database)).isEmpty();
        // The chain now has entries in (at least) two months; verify walks it across them.
        JsonPath report = given().auth().oauth2(ApiTokens.forRole("auditor")).contentType("application/json")
                .body("{\"chain_id\":\"events-2\"}").post("/api/integrity/verify").then().statusCode(200).extract()
                .jsonPath();
        assertThat(report.getString("chains[0].status")).as("%s", report.prettify()).isEqualTo("valid");
    }

    @Test
    void shouldDeadLetterAnEventOutsideTheStoredMonthsAndStoreTheOnesAfterIt() throws SQLException {
        TestEvent ancient = TestEvent.of("task.update").partition(3).occurredAt(Instant.parse("2001-02-03T04:05:06Z"));
        TestEvent future = TestEvent.of("task.update").partition(3).occurredAt(Instant.now().plus(400, ChronoUnit.DAYS));
        TestEvent good = TestEvent.of("task.update").partition(3);

        events.publish(ancient, future, good);
        events.awaitStored(List.of(good.eventId()));

        Map<String, TestEvent> expected = Map.of(ancient.eventId().toString(), ancient, future.eventId().toString(), future);
        List<ConsumerRecord<String, byte[]>> dead = TopicReader.awaitMatching(kafka, topics.deadLetter(),
                r -> {
                    // Dead letters of other tests may have no ce_id (a malformed record); Map.of refuses null keys.
                    String id = TopicReader.header(r, "ce_id");
                    return id != null && expected.containsKey(id);
                }, 2, TIMEOUT);
        assertThat(dead).allSatisfy(r -> assertThat(TopicReader.header(r, DeadLetters.REASON))
                .isEqualTo(EventIngestConsumer.OUT_OF_RANGE));
        assertThat(events.countStored(List.of(ancient.eventId(), future.eventId()))).isZero();
        assertThat(partitionNames()).doesNotContain("audit_logs_2001_02",
                partitionName(LogPartitions.month(Instant.now().plus(400, ChronoUnit.DAYS))));
    }

    private void assertRefused(String sql, String message) {
        assertThatThrownBy(() -> {
            try (Connection c = database.connect(); Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }).as(sql).isInstanceOf(SQLException.class).hasMessageContaining("append-only").hasMessageContaining(message);
    }

    private List<String> partitionNames() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = database.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT partition FROM audit_log_partitions ORDER BY month")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private long count(String sql) throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String partitionName(YearMonth month) {
        return String.format("audit_logs_%04d_%02d", month.getYear(), month.getMonthValue());
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
