package io.pjctrl.audit.query;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pjctrl.audit.testsupport.SeededEvents;
import io.pjctrl.audit.testsupport.TestEvent;
import io.pjctrl.audit.web.ApiTokens;
import io.pjctrl.testing.InjectInfra;
import io.pjctrl.testing.TestDatabase;
import io.pjctrl.testing.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * GET /api/audit-logs/stats over events that went through the real ingest: the counts per bucket and level are the
 * seeded events' own (scoped to this class's project), the unscoped counts served from audit_activity equal a count
 * of the stored rows, zones and defaults shape the buckets, and bad ranges are refused with problem+json.
 */
@QuarkusTest
class ActivityStatsTest {

    static final UUID PROJECT = UUID.randomUUID();
    static final UUID ADMIN = UUID.randomUUID();
    /** Ten minutes into an hour two days ago: inside the default range of bucket=hour (the last 7 days). */
    static final Instant T0 = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS).plus(10,
            ChronoUnit.MINUTES);
    static final Instant HOUR0 = T0.truncatedTo(ChronoUnit.HOURS);
    static final SeededEvents EVENTS = new SeededEvents(ActivityStatsTest::events);

    @InjectInfra
    KafkaCompanion kafka;
    @InjectInfra
    TestTopics topics;
    @InjectInfra
    TestDatabase db;

    @BeforeEach
    void publishOnce() {
        EVENTS.publishOnce(kafka, topics, db);
    }

    /** Hour 0: two low, one medium; hour 1: one high; hour 2: none; hour 3: two critical. */
    static List<TestEvent> events() {
        return List.of(event("task.update", "task", "update", 0), event("task.update", "task", "update", 5),
                event("task.delete", "task", "delete", 20), event("project.delete", "project", "delete", 60),
                event("user.permission_change", "user", "update", 190),
                event("user.permission_change", "user", "update", 200));
    }

    static TestEvent event(String type, String resourceType, String action, int minutes) {
        return TestEvent.of(type).resource(resourceType, UUID.randomUUID().toString()).projectId(PROJECT).action(action)
                .aggregateVersion(1).actor(ADMIN, "admin").occurredAt(T0.plus(minutes, ChronoUnit.MINUTES))
                .changes("{}");
    }

    @Test
    void shouldCountEachHourPerSensitivityLevel() {
        JsonPath stats = stats("bucket=hour&project_id=" + PROJECT + "&from=" + HOUR0 + "&to="
                + HOUR0.plus(4, ChronoUnit.HOURS).minus(1, ChronoUnit.MICROS)).statusCode(200).extract().jsonPath();
        assertThat(stats.getString("bucket")).isEqualTo("hour");
        assertThat(stats.getString("time_zone")).isEqualTo("UTC");
        assertThat(stats.getLong("total")).isEqualTo(6);
        assertThat(stats.getList("buckets.start", String.class)).containsExactly(HOUR0.toString(),
                HOUR0.plus(1, ChronoUnit.HOURS).toString(), HOUR0.plus(2, ChronoUnit.HOURS).toString(),
                HOUR0.plus(3, ChronoUnit.HOURS).toString());
        assertThat(levels(stats, 0)).containsExactly(2L, 1L, 0L, 0L, 3L);
        assertThat(levels(stats, 1)).containsExactly(0L, 0L, 1L, 0L, 1L);
        assertThat(levels(stats, 2)).containsExactly(0L, 0L, 0L, 0L, 0L);
        assertThat(levels(stats, 3)).containsExactly(0L, 0L, 0L, 2L, 2L);
    }

    @Test
    void shouldCountOnlyTheRangeAndTheFilters() {
        // From 5 minutes into the seeded events to 195: the first task.update and the last critical one are outside.
        JsonPath stats = stats("bucket=hour&project_id=" + PROJECT + "&sensitivity=low&sensitivity=critical&from="
                + T0.plus(5, ChronoUnit.MINUTES) + "&to=" + T0.plus(195, ChronoUnit.MINUTES)).statusCode(200).extract()
                .jsonPath();
        assertThat(stats.getLong("total")).isEqualTo(2);
        assertThat(levels(stats, 0)).containsExactly(1L, 0L, 0L, 0L, 1L);
        assertThat(levels(stats, 3)).containsExactly(0L, 0L, 0L, 1L, 1L);
    }

    /**
     * Without a project, user or resource filter the whole hours come from audit_activity and the partial hours at
     * the ends from audit_logs; either way the answer is what a count of the stored rows gives, bucket by bucket.
     */
    @Test
    void shouldAnswerUnscopedFiltersAsTheStoredRowsCountThem() throws Exception {
        Instant from = T0.minus(3, ChronoUnit.HOURS).plus(17, ChronoUnit.MINUTES);
        Instant to = T0.plus(195, ChronoUnit.MINUTES);
        for (String filter : List.of("", "&event_type=user.permission_change", "&resource_type=task&action=delete",
                "&sensitivity=high&sensitivity=critical")) {
            JsonPath stats = stats("bucket=hour&from=" + from + "&to=" + to + filter).statusCode(200).extract()
                    .jsonPath();
            Map<String, Long> answered = new TreeMap<>();
            List<String> starts = stats.getList("buckets.start", String.class);
            for (int i = 0; i < starts.size(); i++) {
                List<Long> n = levels(stats, i);
                for (int level = 0; level < 4; level++) {
                    if (n.get(level) > 0) {
                        answered.put(Instant.parse(starts.get(i)) + " " + LEVELS[level], n.get(level));
                    }
                }
            }
            assertThat(answered).as(filter).isEqualTo(storedCounts(from, to, filter)).isNotEmpty();
        }
    }

    @Test
    void shouldBucketByTheDaysOfTheRequestedZone() {
        ZoneId kolkata = ZoneId.of("Asia/Kolkata");
        Instant from = HOUR0.minus(1, ChronoUnit.DAYS);
        Instant to = HOUR0.plus(1, ChronoUnit.DAYS);
        JsonPath stats = stats("bucket=day&tz=Asia/Kolkata&project_id=" + PROJECT + "&from=" + from + "&to=" + to)
                .statusCode(200).extract().jsonPath();
        assertThat(stats.getString("time_zone")).isEqualTo("Asia/Kolkata");
        Map<LocalDate, Long> expected = new TreeMap<>();
        EVENTS.forEach(e -> expected.merge(Instant.parse(e.data().get("occurred_at").asText()).atZone(kolkata)
                .toLocalDate(), 1L, Long::sum));
        Map<LocalDate, Long> answered = new TreeMap<>();
        List<String> starts = stats.getList("buckets.start", String.class);
        assertThat(starts).allSatisfy(start -> assertThat(start).endsWith("T00:00:00+05:30"));
        for (int i = 0; i < starts.size(); i++) {
            long total = stats.getLong("buckets[" + i + "].total");
            if (total > 0) {
                answered.put(LocalDate.parse(starts.get(i).substring(0, 10)), total);
            }
        }
        assertThat(answered).isEqualTo(expected);
        assertThat(starts).hasSize((int) ChronoUnit.DAYS.between(from.atZone(kolkata).toLocalDate(),
                to.atZone(kolkata).toLocalDate()) + 1);
    }

    @Test
    void shouldDefaultToTheLastSevenDaysByTheHour() {
        JsonPath stats = stats("bucket=hour&project_id=" + PROJECT).statusCode(200).extract().jsonPath();
        Instant from = Instant.parse(stats.getString("from"));
        Instant to = Instant.parse(stats.getString("to"));
        assertThat(ChronoUnit.HOURS.between(from, to)).isEqualTo(7 * 24);
        assertThat(to).isBetween(Instant.now().minus(1, ChronoUnit.HOURS), Instant.now());
        assertThat(stats.getList("buckets")).hasSizeBetween(168, 169);
        assertThat(stats.getLong("total")).isEqualTo(6);
        JsonPath days = stats("project_id=" + PROJECT).statusCode(200).extract().jsonPath();
        assertThat(days.getString("bucket")).isEqualTo("day");
        assertThat(days.getList("buckets")).hasSizeBetween(30, 31);
        assertThat(days.getLong("total")).isEqualTo(6);
    }

    @Test
    void shouldRefuseMoreBucketsThanTheLimit() {
        JsonPath problem = stats("bucket=hour&from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z").statusCode(400)
                .contentType("application/problem+json").extract().jsonPath();
        assertThat(problem.getString("type")).isEqualTo("urn:pjctrl:problem:invalid-request");
        assertThat(problem.getString("errors[0].field")).isEqualTo("bucket");
        assertThat(problem.getString("detail")).contains("744").contains("bucket=day");
        // 744 hours exactly is allowed; the same range by the day is 60 buckets.
        stats("bucket=hour&from=2026-01-01T00:00:00Z&to=2026-01-31T23:59:59Z").statusCode(200);
        stats("bucket=day&from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z").statusCode(200);
    }

    @Test
    void shouldRefuseBadParametersNamingThem() {
        assertThat(problemField("bucket=week")).isEqualTo("bucket");
        assertThat(problemField("tz=Mars/Olympus_Mons")).isEqualTo("tz");
        assertThat(problemField("limit=5")).isEqualTo("limit");
        assertThat(problemField("from=2030-01-01T00:00:00Z")).isEqualTo("from");
        assertThat(problemField("sensitivity=severe")).isEqualTo("sensitivity");
    }

    static final String[] LEVELS = {"low", "medium", "high", "critical"};

    /** The stored rows matching the filter in from..to, per UTC hour and level, counted in SQL from audit_logs. */
    private Map<String, Long> storedCounts(Instant from, Instant to, String filter) throws Exception {
        StringBuilder where = new StringBuilder("occurred_at >= ? AND occurred_at <= ?");
        List<String> values = new ArrayList<>();
        Map<String, List<String>> parameters = new HashMap<>();
        for (String pair : filter.split("&")) {
            if (!pair.isEmpty()) {
                String[] kv = pair.split("=");
                parameters.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(kv[1]);
            }
        }
        Map<String, String> columns = Map.of("event_type", "event_type", "resource_type", "resource_type", "action",
                "action", "sensitivity", "sensitivity_level");
        parameters.forEach((name, given) -> {
            where.append(" AND ").append(columns.get(name)).append(" IN (")
                    .append(String.join(", ", given.stream().map(v -> "?").toList())).append(")");
            values.addAll(given);
        });
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = db.connect();
                PreparedStatement s = c.prepareStatement("SELECT date_trunc('hour', occurred_at, 'UTC'),"
                        + " sensitivity_level, count(*) FROM audit_logs WHERE " + where + " GROUP BY 1, 2")) {
            s.setTimestamp(1, Timestamp.from(from));
            s.setTimestamp(2, Timestamp.from(to));
            for (int i = 0; i < values.size(); i++) {
                s.setString(3 + i, values.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getTimestamp(1).toInstant() + " " + rs.getString(2), rs.getLong(3));
                }
            }
        }
        return counts;
    }

    private static String problemField(String query) {
        JsonPath problem = stats(query).statusCode(400).contentType("application/problem+json").extract().jsonPath();
        assertThat(problem.getInt("status")).isEqualTo(400);
        return problem.getString("errors[0].field");
    }

    /** low, medium, high, critical, total of bucket {@code i}. */
    private static List<Long> levels(JsonPath stats, int i) {
        String b = "buckets[" + i + "].";
        return List.of(stats.getLong(b + "low"), stats.getLong(b + "medium"), stats.getLong(b + "high"),
                stats.getLong(b + "critical"), stats.getLong(b + "total"));
    }

    static ValidatableResponse stats(String query) {
        return auditor().urlEncodingEnabled(false).get("/api/audit-logs/stats?" + query).then();
    }

    static RequestSpecification auditor() {
        return given().auth().oauth2(ApiTokens.forRole("auditor"));
    }
}
