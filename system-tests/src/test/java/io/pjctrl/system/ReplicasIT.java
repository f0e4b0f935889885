package io.pjctrl.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Two audit-service instances in one consumer group, as the Kubernetes HPA runs them: each ingests only its own
 * partitions, yet a paging cursor of one pages on the other, and a viewer of either sees every alert, also those it
 * missed while disconnected (resumed with Last-Event-ID, on the other instance).
 */
class ReplicasIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static SystemStack stack;
    private static ServiceProcess first;
    private static ServiceProcess second;
    private static String token;

    @BeforeAll
    static void startSecondInstance() throws Exception {
        stack = SystemStack.shared();
        first = stack.auditService();
        second = stack.newAuditServiceInstance("audit-service-b");
        second.start();
        IngestGroup group = new IngestGroup(stack);
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (!group.instancesWithPartitions().equals(Set.of(first.name(), second.name()))
                && Instant.now().isBefore(deadline)) {
            ServiceProcess.sleep(500);
        }
        assertThat(group.instancesWithPartitions()).as("both instances own partitions: %s", group.owners())
                .containsExactlyInAnyOrder(first.name(), second.name());
        token = Api.login(stack, SystemStack.ADMIN_EMAIL, SystemStack.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stopSecondInstance() {
        if (second != null) {
            second.stop();
        }
    }

    @Test
    void shouldPageWithACursorOfOneInstanceOnTheOtherToTheEndWithNoRepeatOrGap() throws Exception {
        Instant from = Instant.now().minusSeconds(1);
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            created.add(createProject("paging " + i));
        }
        Instant to = Instant.now().plusSeconds(1);
        for (String project : created) {
            awaitEntry(project, "project.create");
        }

        String filter = "resource_type=project&event_type=project.create&limit=5&from=" + from + "&to=" + to;
        List<String> paged = new ArrayList<>();
        Map<String, Integer> pagesBy = new HashMap<>();
        String cursor = null;
        int page = 0;
        do {
            ServiceProcess instance = page++ % 2 == 0 ? first : second;
            JsonPath body = given().baseUri(instance.url()).auth().oauth2(token).urlEncodingEnabled(false)
                    .get("/api/audit-logs?" + filter + (cursor == null ? "" : "&cursor=" + cursor))
                    .then().statusCode(200).extract().jsonPath();
            paged.addAll(body.getList("items.id"));
            pagesBy.merge(instance.name(), 1, Integer::sum);
            cursor = body.getString("next_cursor");
        } while (cursor != null && page < 100);

        assertThat(pagesBy).as("pages served by each instance").containsOnlyKeys(first.name(), second.name());
        assertThat(paged).doesNotHaveDuplicates().containsExactlyElementsOf(entriesBetween(from, to));
        assertThat(paged).hasSizeGreaterThanOrEqualTo(created.size());
    }

    @Test
    void shouldStreamAlertsRaisedOnEveryPartitionToAClientOfEachInstance() throws Exception {
        try (AlertStreamClient onFirst = AlertStreamClient.open(first, token, null);
                AlertStreamClient onSecond = AlertStreamClient.open(second, token, null)) {
            ServiceProcess.sleep(500);
            Map<Integer, String> owners = new IngestGroup(stack).owners();
            Map<Integer, String> deleteByPartition = new HashMap<>();
            for (int i = 0; i < 60 && deleteByPartition.size() < SystemStack.EVENT_PARTITIONS; i++) {
                String project = createProject("alerting " + i);
                deleteProject(project);
                Entry delete = awaitEntry(project, "project.delete");
                deleteByPartition.putIfAbsent(delete.partition(), delete.id());
            }
            assertThat(deleteByPartition).as("a project.delete on every partition").hasSize(SystemStack.EVENT_PARTITIONS);
            Set<String> ingestedBy = new HashSet<>();
            deleteByPartition.keySet().forEach(p -> ingestedBy.add(owners.get(p).replaceFirst("-[0-9]+$", "")));
            assertThat(ingestedBy).as("the alerting entries were ingested by both instances (%s)", owners)
                    .containsExactlyInAnyOrder(first.name(), second.name());

            for (String entry : deleteByPartition.values()) {
                onFirst.awaitAlertOf(entry, TIMEOUT);
                onSecond.awaitAlertOf(entry, TIMEOUT);
            }
        }
    }

    @Test
    void shouldReplayTheAlertsMissedWhileDisconnectedWhenResumingWithLastEventIdOnTheOtherInstance() throws Exception {
        String lastEventId;
        String before;
        try (AlertStreamClient onSecond = AlertStreamClient.open(second, token, null)) {
            ServiceProcess.sleep(500);
            before = raiseAlert("before the drop");
            lastEventId = onSecond.awaitAlertOf(before, TIMEOUT).id();
        }
        List<String> missed = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            missed.add(raiseAlert("while disconnected " + i));
        }
        for (String entry : missed) {
            awaitAlertStored(entry);
        }

        try (AlertStreamClient resumed = AlertStreamClient.open(first, token, lastEventId)) {
            for (String entry : missed) {
                resumed.awaitAlertOf(entry, TIMEOUT);
            }
            List<AlertStreamClient.Event> events = resumed.events();
            assertThat(events).extracting(e -> e.alert().path("audit_log_id").asText()).doesNotContain(before)
                    .doesNotHaveDuplicates();
            assertThat(events).extracting(e -> Long.parseLong(e.id())).isSorted()
                    .allSatisfy(id -> assertThat(id).isGreaterThan(Long.parseLong(lastEventId)));
        }
    }

    private record Entry(String id, int partition) {
    }

    /** Creates and deletes a project; returns the delete's audit entry id (project.delete raises an alert). */
    private static String raiseAlert(String name) throws Exception {
        String project = createProject(name);
        deleteProject(project);
        return awaitEntry(project, "project.delete").id();
    }

    private static String createProject(String name) {
        return given().baseUri(stack.projectService().url()).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", name, "description", "replicas system test"))
                .post("/api/projects").then().statusCode(201).extract().path("id");
    }

    private static void deleteProject(String id) {
        given().baseUri(stack.projectService().url()).auth().oauth2(token).delete("/api/projects/" + id)
                .then().statusCode(200);
    }

    private static Entry awaitEntry(String resourceId, String eventType) throws Exception {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            try (Connection c = stack.auditDb().connect();
                    PreparedStatement s = c.prepareStatement(
                            "SELECT id, chain_id FROM audit_logs WHERE resource_id = ? AND event_type = ?")) {
                s.setString(1, resourceId);
                s.setString(2, eventType);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        String chain = rs.getString(2);
                        return new Entry(rs.getString(1), Integer.parseInt(chain.substring(chain.lastIndexOf('-') + 1)));
                    }
                }
            }
            ServiceProcess.sleep(200);
        }
        throw new AssertionError(eventType + " of " + resourceId + " not stored within " + TIMEOUT);
    }

    private static void awaitAlertStored(String entryId) throws Exception {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            try (Connection c = stack.auditDb().connect();
                    PreparedStatement s = c.prepareStatement("SELECT 1 FROM audit_alerts WHERE audit_log_id = ?::uuid")) {
                s.setString(1, entryId);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            ServiceProcess.sleep(200);
        }
        throw new AssertionError("no alert stored for entry " + entryId + " within " + TIMEOUT);
    }

    /** What the database holds for the paged filter, in the API's order (newest first). */
    private static List<String> entriesBetween(Instant from, Instant to) throws SQLException {
        String sql = "SELECT id FROM audit_logs WHERE resource_type = 'project' AND event_type = 'project.create'"
                + " AND occurred_at >= ? AND occurred_at <= ? ORDER BY occurred_at DESC, id DESC";
        try (Connection c = stack.auditDb().connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setTimestamp(1, Timestamp.from(from));
            s.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = s.executeQuery()) {
                List<String> ids = new ArrayList<>();
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
                return ids;
            }
        }
    }
}
