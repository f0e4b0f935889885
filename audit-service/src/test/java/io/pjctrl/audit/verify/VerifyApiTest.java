package io.pjctrl.audit.verify;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.pjctrl.audit.testsupport.TestEvent;
import io.pjctrl.audit.testsupport.TestEvents;
import io.pjctrl.audit.web.ApiTokens;
import io.pjctrl.testing.InjectInfra;
import io.pjctrl.testing.TestDatabase;
import io.pjctrl.testing.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** Verification of untouched chains, seq ranges and recorded version gaps, over entries from the real ingest. */
@QuarkusTest
class VerifyApiTest {

    @InjectInfra
    KafkaCompanion kafka;
    @InjectInfra
    TestTopics topics;
    @InjectInfra
    TestDatabase db;

    @Test
    void shouldReportEveryUntouchedChainValid() {
        ingest(20);
        JsonPath all = verify("{}");
        List<Map<String, Object>> chains = all.getList("chains");
        assertThat(chains).isNotEmpty();
        assertThat(all.getLong("checked")).isGreaterThanOrEqualTo(20);
        for (Map<String, Object> chain : chains) {
            assertThat(chain.get("status")).as("chain %s: %s", chain.get("chain_id"), all.getList("failures"))
                    .isEqualTo("valid");
            JsonPath single = verify("{\"chain_id\":\"" + chain.get("chain_id") + "\"}");
            assertThat(single.getString("status")).isEqualTo("valid");
            assertThat(single.getList("failures")).isEmpty();
            assertThat(single.getLong("checked")).isEqualTo(((Number) chain.get("checked")).longValue());
        }
        // Other test classes deliberately publish events with skipped versions; those are the only failures allowed.
        assertThat(all.getList("failures.kind", String.class)).allMatch("version_gap"::equals);
    }

    @Test
    void shouldVerifyASeqRangeFromItsPredecessor() throws Exception {
        String chain = ingest(10);
        JsonPath range = verify("{\"chain_id\":\"" + chain + "\",\"from_seq\":3,\"to_seq\":7}");
        assertThat(range.getString("status")).isEqualTo("valid");
        assertThat(range.getLong("checked")).isEqualTo(5);
        assertThat(range.getLong("chains[0].first_seq")).isEqualTo(3);
        assertThat(range.getLong("chains[0].head_seq")).isEqualTo(7);
    }

    @Test
    void shouldReportARecordedVersionGap() {
        String resource = UUID.randomUUID().toString();
        TestEvent first = TestEvent.of("task.create").resource("task", resource).action("create").aggregateVersion(1);
        TestEvent skipped = TestEvent.of("task.update").resource("task", resource).aggregateVersion(3);
        new TestEvents(kafka, topics, db).publishAndAwait(first, skipped);

        JsonPath report = verify("{}");
        assertThat(report.getString("status")).isEqualTo("invalid");
        List<Map<String, Object>> gaps = report
                .getList("failures.findAll { it.kind == 'version_gap' && it.resource_id == '" + resource + "' }");
        assertThat(gaps).hasSize(1);
        assertThat(gaps.get(0)).containsEntry("event_id", skipped.eventId().toString()).containsEntry("expected", "2")
                .containsEntry("computed", "3").containsEntry("resource_type", "task");
        assertThat(gaps.get(0).get("entry_id")).isNotNull();
    }

    @Test
    void shouldAnswer404ForAnUnknownChain() {
        given().auth().oauth2(ApiTokens.forRole("auditor")).contentType("application/json")
                .body("{\"chain_id\":\"no-such-chain\"}").post("/api/integrity/verify").then().statusCode(404);
    }

    /** Publishes {@code n} events for one new resource (one partition) and returns their chain. */
    private String ingest(int n) {
        String resource = UUID.randomUUID().toString();
        List<TestEvent> events = new java.util.ArrayList<>();
        for (int i = 1; i <= n; i++) {
            events.add(TestEvent.of("task.update").resource("task", resource).aggregateVersion(i).occurredAt(Instant.now()));
        }
        new TestEvents(kafka, topics, db).publishAndAwait(events);
        try (Connection c = db.connect();
                PreparedStatement s = c.prepareStatement("SELECT chain_id FROM audit_logs WHERE resource_id = ? LIMIT 1")) {
            s.setString(1, resource);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonPath verify(String body) {
        return given().auth().oauth2(ApiTokens.forRole("admin")).contentType("application/json").body(body)
                .post("/api/integrity/verify").then().statusCode(200).extract().jsonPath();
    }
}
