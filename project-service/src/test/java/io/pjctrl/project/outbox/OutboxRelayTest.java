package io.pjctrl.project.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.pjctrl.project.support.EventLog;
import io.pjctrl.project.support.EventLog.Event;
import io.pjctrl.testing.InjectInfra;
import io.pjctrl.testing.KafkaBroker;
import io.pjctrl.testing.TestDatabase;
import io.pjctrl.testing.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

@QuarkusTest
class OutboxRelayTest {

    private static final int AGGREGATES = 12;
    private static final int EVENTS_PER_AGGREGATE = 25;

    @InjectInfra
    KafkaBroker broker;
    @InjectInfra
    TestTopics topics;
    @InjectInfra
    TestDatabase database;

    @Inject
    OutboxRelay relay;

    @Test
    void shouldPublishEachRowExactlyOnceInAggregateOrderWithTwoRelays() throws Exception {
        EventLog log = EventLog.of(broker.bootstrapServers(), topics.events());
        String aggregateType = "relaytest" + UUID.randomUUID().toString().substring(0, 8).replace("-", "");
        try (EventPublisher publisherA = relay.newPublisher("relay-test-a");
                EventPublisher publisherB = relay.newPublisher("relay-test-b")) {
            RelayWorker relayA = relay.newWorker(publisherA);
            RelayWorker relayB = relay.newWorker(publisherB);
            List<UUID> ids = insertRows(aggregateType);

            // Both extra relays (and this replica's own relay, woken by NOTIFY) race for the same rows.
            CompletableFuture<Integer> a = relayA.drain().subscribeAsCompletionStage();
            CompletableFuture<Integer> b = relayB.drain().subscribeAsCompletionStage();
            a.join();
            b.join();

            List<Event> events = log.awaitAtLeast(event -> event.key().startsWith(aggregateType + ":"), ids.size(),
                    Duration.ofSeconds(60));
            Thread.sleep(2_000); // give a duplicate, if any, time to show up
            events = log.matching(event -> event.key().startsWith(aggregateType + ":"));

            Map<String, Long> perId = events.stream().collect(Collectors.groupingBy(Event::id, Collectors.counting()));
            assertThat(perId).as("every row exactly once").hasSize(ids.size())
                    .allSatisfy((id, count) -> assertThat(count).isOne());
            assertThat(perId.keySet()).containsExactlyInAnyOrderElementsOf(ids.stream().map(UUID::toString).toList());
            assertInAggregateOrder(events);
            assertThat(pendingRows(aggregateType)).isZero();
        }
    }

    @Test
    void shouldKeepSentRowsWithoutTheirPersonalValues() throws Exception {
        EventLog log = EventLog.of(broker.bootstrapServers(), topics.events());
        UUID id = UUID.randomUUID();
        String user = UUID.randomUUID().toString();
        String email = "outbox-" + user.substring(0, 8) + "@example.com";
        String payload = "{\"event_id\":\"" + id + "\",\"resource_type\":\"user\",\"resource_id\":\"" + user
                + "\",\"changes\":{\"email\":{\"new\":\"" + email + "\"},\"role\":{\"new\":\"member\"}},"
                + "\"request_metadata\":{\"ip\":\"198.51.100.77\",\"user_agent\":\"outbox-test\",\"request_id\":\"r-"
                + id + "\",\"trace_id\":null}}";
        try (Connection db = database.connect();
                PreparedStatement insert = db.prepareStatement("INSERT INTO outbox_event"
                        + " (id, aggregatetype, aggregateid, type, payload, occurred_at) VALUES (?, 'user', ?, 'user.create', ?, now())")) {
            insert.setObject(1, id);
            insert.setString(2, user);
            insert.setString(3, payload);
            insert.executeUpdate();
        }
        relay.wake();

        Event sent = log.awaitOne(event -> event.id().equals(id.toString()));
        assertThat(sent.value()).contains(email, "198.51.100.77", "outbox-test");
        // The row is marked sent right after the broker's acknowledgement, which may come after the record is readable.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> pendingRows("user", id) == 0);
        try (Connection db = database.connect();
                PreparedStatement select = db.prepareStatement(
                        "SELECT payload, sent_at IS NOT NULL FROM outbox_event WHERE id = ?")) {
            select.setObject(1, id);
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getBoolean(2)).isTrue();
                assertThat(rows.getString(1)).doesNotContain(email, "198.51.100.77", "outbox-test")
                        .contains("member", "r-" + id);
            }
        }
    }

    @Test
    void shouldPurgeOnlySentRowsOlderThanRetention() throws Exception {
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        try (Connection db = database.connect()) {
            insertSent(db, old, Instant.now().minus(8, ChronoUnit.DAYS));
            insertSent(db, recent, Instant.now().minus(1, ChronoUnit.HOURS));
        }
        int purged = relay.newWorker(null)
                .purgeSentBefore(Instant.now().minus(7, ChronoUnit.DAYS))
                .await()
                .atMost(Duration.ofSeconds(10));

        assertThat(purged).isGreaterThanOrEqualTo(1);
        assertThat(exists(old)).isFalse();
        assertThat(exists(recent)).isTrue();
    }

    @Test
    void shouldExposeBacklogAndPublishLatencyMetrics() throws Exception {
        String aggregateType = "metricstest" + UUID.randomUUID().toString().substring(0, 8).replace("-", "");
        double publishedBefore = metric("pjctrl_outbox_published_total");
        double latencyCountBefore = metric("pjctrl_outbox_publish_latency_seconds_count");
        double latencySumBefore = metric("pjctrl_outbox_publish_latency_seconds_sum");
        long held;
        try (Connection relayLock = database.connect()) {
            // Holding the relays' advisory lock keeps every relay from publishing: the rows stay pending.
            relayLock.setAutoCommit(false);
            try (PreparedStatement lock = relayLock.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, RelayWorker.RELAY_LOCK);
                lock.execute();
            }
            int rows = insertRows(aggregateType).size();
            long committed = System.nanoTime();
            relay.newWorker(null).refreshBacklog().await().atMost(Duration.ofSeconds(10));

            assertThat(metric("pjctrl_outbox_backlog")).as("backlog while no relay may publish").isGreaterThanOrEqualTo(rows);
            Thread.sleep(300);
            held = System.nanoTime() - committed;
            relayLock.commit();
        }
        relay.wake();
        int rows = AGGREGATES * EVENTS_PER_AGGREGATE;
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> {
                    assertThat(pendingRows(aggregateType)).isZero();
                    assertThat(metric("pjctrl_outbox_published_total") - publishedBefore).isGreaterThanOrEqualTo(rows);
                    assertThat(metric("pjctrl_outbox_publish_latency_seconds_count") - latencyCountBefore)
                            .isGreaterThanOrEqualTo(rows);
                });
        // Each of these events waited at least as long as the lock was held, commit to acknowledgement.
        assertThat(metric("pjctrl_outbox_publish_latency_seconds_sum") - latencySumBefore)
                .isGreaterThanOrEqualTo(rows * (held / 1e9));
        relay.newWorker(null).refreshBacklog().await().atMost(Duration.ofSeconds(10));
        assertThat(metric("pjctrl_outbox_backlog")).as("backlog once published").isLessThan(rows);
    }

    /** The value of an unlabelled sample of the Prometheus scrape (0 when it is not there yet). */
    private static double metric(String name) {
        return RestAssured.get("/q/metrics").asString().lines()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElse(0);
    }

    private List<UUID> insertRows(String aggregateType) throws Exception {
        List<UUID> ids = new ArrayList<>();
        List<String> aggregates = new ArrayList<>();
        for (int i = 0; i < AGGREGATES; i++) {
            aggregates.add(UUID.randomUUID().toString());
        }
        try (Connection db = database.connect()) {
            db.setAutoCommit(false);
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO outbox_event"
                    + " (id, aggregatetype, aggregateid, type, payload, occurred_at) VALUES (?, ?, ?, ?, ?, now())")) {
                for (int version = 1; version <= EVENTS_PER_AGGREGATE; version++) {
                    for (String aggregate : aggregates) {
                        UUID id = UUID.randomUUID();
                        ids.add(id);
                        insert.setObject(1, id);
                        insert.setString(2, aggregateType);
                        insert.setString(3, aggregate);
                        insert.setString(4, "relaytest.write");
                        insert.setString(5, "{\"aggregate_version\":" + version + "}");
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
            }
            db.commit();
        }
        return ids;
    }

    private static void assertInAggregateOrder(List<Event> events) {
        Map<String, List<Event>> byKey = events.stream().collect(Collectors.groupingBy(Event::key));
        assertThat(byKey).hasSize(AGGREGATES);
        byKey.forEach((key, list) -> {
            assertThat(list.stream().map(Event::partition).distinct()).as("one partition per key").hasSize(1);
            List<Integer> versions = list.stream()
                    .sorted(java.util.Comparator.comparingLong(Event::offset))
                    .map(event -> event.data().path("aggregate_version").asInt())
                    .toList();
            assertThat(versions).as("versions of %s in offset order", key).isSorted().hasSize(EVENTS_PER_AGGREGATE);
        });
    }

    private long pendingRows(String aggregateType, UUID id) throws Exception {
        try (Connection db = database.connect();
                PreparedStatement count = db.prepareStatement(
                        "SELECT count(*) FROM outbox_event WHERE aggregatetype = ? AND id = ? AND sent_at IS NULL")) {
            count.setString(1, aggregateType);
            count.setObject(2, id);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private long pendingRows(String aggregateType) throws Exception {
        try (Connection db = database.connect();
                PreparedStatement count = db.prepareStatement(
                        "SELECT count(*) FROM outbox_event WHERE aggregatetype = ? AND sent_at IS NULL")) {
            count.setString(1, aggregateType);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static void insertSent(Connection db, UUID id, Instant sentAt) throws Exception {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO outbox_event"
                + " (id, aggregatetype, aggregateid, type, payload, occurred_at, sent_at) VALUES (?, 'purgetest', ?, 'purgetest.write', '{}', ?, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, id.toString());
            insert.setTimestamp(3, Timestamp.from(sentAt));
            insert.setTimestamp(4, Timestamp.from(sentAt));
            insert.executeUpdate();
        }
    }

    private boolean exists(UUID id) throws Exception {
        try (Connection db = database.connect();
                PreparedStatement select = db.prepareStatement("SELECT 1 FROM outbox_event WHERE id = ?")) {
            select.setObject(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

}
