package io.pjctrl.audit.ocsf;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pjctrl.audit.testsupport.ExportedEntries;
import io.pjctrl.audit.testsupport.SeededEvents;
import io.pjctrl.audit.testsupport.TestEvent;
import io.pjctrl.audit.web.ApiTokens;
import io.pjctrl.contract.chain.Checksums;
import io.pjctrl.contract.ocsf.OcsfEntries;
import io.pjctrl.contract.ocsf.OcsfSchema;
import io.pjctrl.contract.verifier.VerifyExport;
import io.pjctrl.testing.InjectInfra;
import io.pjctrl.testing.TestDatabase;
import io.pjctrl.testing.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * {@code GET /api/audit-logs/export?format=ocsf} over entries of every event type of the contract that went through
 * the real ingest: parsed back line by line, each line checked against the vendored OCSF class definitions and
 * against the query API's entry it stands for.
 */
@QuarkusTest
class OcsfExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OcsfSchema SCHEMA = OcsfSchema.vendored();
    private static final UUID PROJECT = UUID.randomUUID();
    private static final Instant T0 = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    private static final SeededEvents EVENTS = new SeededEvents(OcsfExportTest::events);

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

    static List<TestEvent> events() {
        List<TestEvent> events = new ArrayList<>();
        int i = 0;
        for (String type : OcsfEntries.allEventTypes()) {
            events.add(TestEvent.of(type).projectId(PROJECT).occurredAt(T0.plusSeconds(i++)).ip("198.51.100.7"));
        }
        return events;
    }

    @Test
    void shouldExportOneValidOcsfRecordPerEntryThatParsesBackLineByLine() throws Exception {
        Response response = export("");
        assertThat(response.header("Content-Type")).startsWith("application/x-ndjson");
        assertThat(response.header("Content-Disposition")).endsWith(".ocsf.ndjson\"");
        String body = new String(response.asByteArray(), StandardCharsets.UTF_8);
        assertThat(body).startsWith("{\"class_uid\":").endsWith("}\n").doesNotContain("\r");

        String[] lines = body.split("\n");
        List<Map<String, Object>> items = queryItems("");
        assertThat(lines).hasSize(items.size()).hasSize(EVENTS.size());
        for (int i = 0; i < lines.length; i++) {
            JsonNode record = JSON.readTree(lines[i]);
            Map<String, Object> item = items.get(i);
            assertThat(SCHEMA.violations(record)).as(lines[i]).isEmpty();
            assertThat(record.get("class_uid").intValue()).as(item.get("event_type").toString()).isNotZero();
            assertThat(record.at("/metadata/uid").asText()).isEqualTo(item.get("id"));
            assertThat(record.at("/metadata/log_name").asText()).isEqualTo(item.get("chain_id"));
            assertThat(record.at("/metadata/sequence").longValue()).isEqualTo(((Number) item.get("seq")).longValue());
            assertThat(record.at("/unmapped/pjctrl/checksum").asText()).isEqualTo(item.get("checksum"));
            assertThat(record.get("time").longValue())
                    .isEqualTo(Instant.parse((String) item.get("occurred_at")).toEpochMilli());
            assertThat(record.at("/src_endpoint/ip").asText()).isEqualTo("198.51.100.7");
        }
    }

    @Test
    void shouldCarryTheStoredEntrySoItsChecksumCanBeRecomputedFromTheRecord() throws Exception {
        for (String line : new String(export("").asByteArray(), StandardCharsets.UTF_8).split("\n")) {
            JsonNode stored = JSON.readTree(line).at("/unmapped/pjctrl");
            assertThat(Checksums.compute(stored.get("prev_checksum").asText(), ExportedEntries.entry(stored)))
                    .isEqualTo(stored.get("checksum").asText());
        }
    }

    @Test
    void shouldPassTheOfflineVerifierOnceTheStoredEntriesAreTakenOut(@TempDir Path dir) throws Exception {
        StringBuilder ndjson = new StringBuilder();
        StringBuilder tampered = new StringBuilder();
        for (String line : new String(export("").asByteArray(), StandardCharsets.UTF_8).split("\n")) {
            JsonNode stored = JSON.readTree(line).at("/unmapped/pjctrl");
            ndjson.append(JSON.writeValueAsString(stored)).append('\n');
            tampered.append(JSON.writeValueAsString(stored).replace("198.51.100.7", "198.51.100.8")).append('\n');
        }
        Path file = Files.writeString(dir.resolve("audit-logs-from-ocsf.ndjson"), ndjson, StandardCharsets.UTF_8);
        Path changed = Files.writeString(dir.resolve("tampered.ndjson"), tampered, StandardCharsets.UTF_8);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int ok = VerifyExport.run(new String[]{"--filtered", file.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        int failed = VerifyExport.run(new String[]{"--filtered", changed.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertThat(ok).as(out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(" OK entries=");
        assertThat(failed).isEqualTo(1);
    }

    @Test
    void shouldApplyTheSameFiltersAsTheOtherFormats() throws Exception {
        String filter = "&event_type=user.login&event_type=user.logout&event_type=user.login_failed";
        String[] lines = new String(export(filter).asByteArray(), StandardCharsets.UTF_8).split("\n");

        assertThat(lines).hasSize(queryItems(filter).size()).hasSize(3);
        for (String line : lines) {
            assertThat(JSON.readTree(line).get("class_uid").intValue()).isEqualTo(3002);
        }
    }

    @Test
    void shouldAddEachEntrysProofWhenAskedFor() throws Exception {
        Response response = export("&proofs=true");
        String[] lines = new String(response.asByteArray(), StandardCharsets.UTF_8).split("\n");

        assertThat(lines).hasSize(EVENTS.size());
        for (String line : lines) {
            JsonNode record = JSON.readTree(line);
            assertThat(record.at("/unmapped/pjctrl").has("tlog_proof")).isTrue();
            assertThat(SCHEMA.violations(record)).isEmpty();
        }
    }

    private static List<Map<String, Object>> queryItems(String filter) {
        return given().auth().oauth2(ApiTokens.forRole("auditor"))
                .get("/api/audit-logs?limit=500&project_id=" + PROJECT + filter).then().statusCode(200).extract()
                .jsonPath().getList("items");
    }

    private static Response export(String filter) {
        Response response = given().auth().oauth2(ApiTokens.forRole("auditor"))
                .get("/api/audit-logs/export?format=ocsf&project_id=" + PROJECT + filter);
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }
}
