package io.pjctrl.audit.export;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pjctrl.audit.testsupport.ExportedEntries;
import io.pjctrl.audit.testsupport.SeededEvents;
import io.pjctrl.audit.testsupport.TestEvent;
import io.pjctrl.audit.web.ApiTokens;
import io.pjctrl.contract.chain.AuditEntry;
import io.pjctrl.contract.chain.Checksums;
import io.pjctrl.contract.verifier.VerifyExport;
import io.pjctrl.testing.InjectInfra;
import io.pjctrl.testing.TestDatabase;
import io.pjctrl.testing.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * Exports of entries that went through the real ingest, parsed back (commons-csv, Jackson) and compared field by
 * field with the query API; values with commas, quotes, newlines, non-ASCII text and formula prefixes.
 */
@QuarkusTest
class ExportTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final UUID PROJECT = UUID.randomUUID();
    static final Instant T0 = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    /** Resource ids a spreadsheet would run as formulas, or that need quoting. */
    static final List<String> TRICKY_IDS = List.of("=HYPERLINK(\"http://evil\",\"x\")", "+1+1", "-2", "@SUM(A1)",
            "\tTab", "\rCR", "'quoted", "comma,inside", "quote\"inside", "line\nbreak", "Zürich-Привет-東京-🙂", "plain");
    static final SeededEvents EVENTS = new SeededEvents(ExportTest::events);

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
        for (int i = 0; i < TRICKY_IDS.size(); i++) {
            events.add(TestEvent.of("task.create").resource("task", TRICKY_IDS.get(i)).projectId(PROJECT)
                    .aggregateVersion(1).occurredAt(T0.plusSeconds(i))
                    .changes("{\"title\":{\"new\":\"=1+2, \\\"quoted\\\"\\nnext line, Ünïcødé ✓\"},"
                            + "\"note\":{\"new\":\"@mention\\ttab\"},\"estimate\":{\"new\":1.5}}"));
        }
        return events;
    }

    @Test
    void shouldExportCsvThatParsesBackToTheQueryResults() throws Exception {
        Response response = export("csv");
        assertThat(response.header("Content-Type")).startsWith("text/csv");
        assertThat(response.header("Content-Disposition")).matches("attachment; filename=\"audit-logs-\\d{8}T\\d{6}Z\\.csv\"");
        String body = new String(response.asByteArray(), StandardCharsets.UTF_8);
        assertThat(body).contains("\r\n").endsWith("\r\n").startsWith("id,event_id,"); // no BOM, last row ends CRLF

        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(body)).getRecords();
        List<Map<String, Object>> items = queryItems();
        assertThat(records).hasSize(items.size()).hasSize(TRICKY_IDS.size());
        for (int i = 0; i < records.size(); i++) {
            assertSameEntry(csvFields(records.get(i)), items.get(i));
        }
    }

    @Test
    void shouldNeutraliseFormulaPrefixesReversibly() throws Exception {
        String body = new String(export("csv").asByteArray(), StandardCharsets.UTF_8);
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(body)).getRecords();
        for (CSVRecord record : records) {
            String cell = record.get("resource_id");
            assertThat(cell.charAt(0)).as(cell).isNotIn('=', '+', '-', '@', '\t', '\r');
        }
        assertThat(records.stream().map(r -> r.get("resource_id")))
                .contains("'=HYPERLINK(\"http://evil\",\"x\")", "'+1+1", "'-2", "'@SUM(A1)", "'\tTab", "'\rCR", "''quoted",
                        "comma,inside", "line\nbreak", "Zürich-Привет-東京-🙂");
    }

    @Test
    void shouldExportNdjsonWhoseLinesEachParse() throws Exception {
        Response response = export("ndjson");
        assertThat(response.header("Content-Type")).startsWith("application/x-ndjson");
        assertThat(response.header("Content-Disposition")).endsWith(".ndjson\"");
        String body = new String(response.asByteArray(), StandardCharsets.UTF_8);
        assertThat(body).startsWith("{\"id\":").endsWith("}\n").doesNotContain("\r"); // no BOM, every line ends LF
        String[] lines = body.split("\n");
        List<Map<String, Object>> items = queryItems();
        assertThat(lines).hasSize(items.size());
        for (int i = 0; i < lines.length; i++) {
            JsonNode line = JSON.readTree(lines[i]);
            assertSameEntry(JSON.convertValue(line, Map.class), items.get(i));
        }
    }

    @Test
    void shouldExportEverythingNeededToRecomputeChecksumsOffline() throws Exception {
        String[] lines = new String(export("ndjson").asByteArray(), StandardCharsets.UTF_8).split("\n");
        for (String line : lines) {
            JsonNode e = JSON.readTree(line);
            assertThat(Checksums.compute(e.get("prev_checksum").asText(), entry(e))).isEqualTo(e.get("checksum").asText());
        }
    }

    @Test
    void shouldPassTheOfflineVerifierAndFailItOnceAFieldIsChanged(@TempDir Path dir) throws Exception {
        // A real export, filtered to this test's project (other tests share the database), read by pjctrl-verify.
        for (String format : List.of("ndjson", "csv")) {
            String body = new String(export(format).asByteArray(), StandardCharsets.UTF_8);
            Path file = Files.writeString(dir.resolve("export." + format), body, StandardCharsets.UTF_8);
            Path tampered = Files.writeString(dir.resolve("tampered." + format),
                    body.replaceFirst("Zürich", "Zurich"), StandardCharsets.UTF_8);

            VerifierRun ok = verifyOffline(file);
            VerifierRun failed = verifyOffline(tampered);

            assertThat(ok.exit()).as(format + ": " + ok.out() + ok.err()).isZero();
            assertThat(ok.out()).contains(" OK entries=").contains("complete=no(filtered)");
            assertThat(failed.exit()).as(format + ": " + failed.out()).isEqualTo(1);
            assertThat(failed.err()).contains("checksum_mismatch");
        }
    }

    record VerifierRun(int exit, String out, String err) {
    }

    private static VerifierRun verifyOffline(Path export) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = VerifyExport.run(new String[]{"--filtered", export.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new VerifierRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldRecordEachExportAsAnAuditEventOfTheExporter() throws Exception {
        UUID auditor = UUID.randomUUID();
        Response response = given().auth().oauth2(ApiTokens.forUser(auditor, "auditor")).header("User-Agent", "export-test")
                .get("/api/audit-logs/export?format=csv&project_id=" + PROJECT + "&sensitivity=low&sensitivity=high");
        assertThat(response.statusCode()).isEqualTo(200);
        String exportId = response.header("X-Export-Id");

        JsonNode stored = awaitExportEvent(exportId, Duration.ofSeconds(30));
        assertThat(stored.get("user_id").asText()).isEqualTo(auditor.toString());
        assertThat(stored.get("actor_role").asText()).isEqualTo("auditor");
        assertThat(stored.get("source").asText()).isEqualTo("/pjctrl/audit-service");
        assertThat(stored.get("action").asText()).isEqualTo("create");
        JsonNode filter = stored.at("/changes/filter/new");
        assertThat(filter.get("project_id").asText()).isEqualTo(PROJECT.toString());
        assertThat(JSON.convertValue(filter.get("sensitivity"), List.class)).containsExactlyInAnyOrder("low", "high");
        assertThat(stored.at("/changes/format/new").asText()).isEqualTo("csv");
        // The exporter's user agent is personal: stored as its commitment, shown in clear by the API.
        assertThat(stored.at("/request_metadata/user_agent/$commit").asText()).hasSize(44);
        String entryId = given().auth().oauth2(ApiTokens.forRole("auditor"))
                .get("/api/audit-logs?event_type=audit.export&resource_id=" + exportId).then().statusCode(200).extract()
                .jsonPath().getString("items[0].id");
        given().auth().oauth2(ApiTokens.forRole("auditor")).get("/api/audit-logs/" + entryId).then().statusCode(200)
                .body("request_metadata.user_agent", org.hamcrest.Matchers.equalTo("export-test"));
        assertThat(stored.get("chain_id").asText()).isNotBlank();
    }

    private JsonNode awaitExportEvent(String exportId, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try (Connection c = db.connect();
                    PreparedStatement s = c.prepareStatement("SELECT json_build_object('user_id', user_id, 'actor_role',"
                            + " actor_role, 'source', source, 'action', action, 'changes', changes, 'request_metadata',"
                            + " request_metadata, 'chain_id', chain_id)::text FROM audit_logs"
                            + " WHERE event_type = 'audit.export' AND resource_type = 'audit_export' AND resource_id = ?")) {
                s.setString(1, exportId);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        return JSON.readTree(rs.getString(1));
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("export " + exportId + " was not recorded in audit_logs within " + timeout);
    }

    static AuditEntry entry(JsonNode e) {
        return ExportedEntries.entry(e);
    }

    /** A CSV row as typed values: one added leading quote stripped, JSON cells parsed, empty cells null. */
    private static Map<String, Object> csvFields(CSVRecord record) throws Exception {
        Map<String, Object> fields = new java.util.HashMap<>();
        for (String name : ExportColumns.NAMES) {
            String cell = record.get(name);
            if (cell.startsWith("'")) {
                cell = cell.substring(1);
            }
            Object value = cell.isEmpty() ? null : cell;
            if (name.equals("changes") || name.equals("request_metadata")) {
                value = JSON.readValue(cell, Map.class);
            } else if (value != null && Set.of("aggregate_version", "seq", "entry_format", "source_partition",
                    "source_offset").contains(name)) {
                value = Long.parseLong(cell);
            }
            fields.put(name, value);
        }
        return fields;
    }

    private static void assertSameEntry(Map<String, Object> exported, Map<String, Object> queried) {
        for (String name : ExportColumns.NAMES) {
            Object expected = queried.get(name);
            Object actual = exported.get(name);
            if (name.endsWith("_at")) {
                assertThat(Instant.parse((String) actual)).as(name).isEqualTo(Instant.parse((String) expected));
            } else if (expected instanceof Number number) {
                assertThat(((Number) actual).longValue()).as(name).isEqualTo(number.longValue());
            } else if (name.equals("changes") || name.equals("request_metadata")) {
                // The export opens each personal value ({"$salt","$value"}) where the API shows the value itself.
                assertThat(shown(normalized(actual))).as(name).isEqualTo(normalized(expected));
            } else {
                assertThat(normalized(actual)).as(name).isEqualTo(normalized(expected));
            }
        }
    }

    /** An exported JSON column with every opening replaced by its value. */
    private static JsonNode shown(JsonNode node) {
        if (node.isObject() && node.size() == 2 && node.has("$value") && node.has("$salt")) {
            return node.get("$value");
        }
        if (node.isObject()) {
            com.fasterxml.jackson.databind.node.ObjectNode copy = JSON.createObjectNode();
            node.fields().forEachRemaining(f -> copy.set(f.getKey(), shown(f.getValue())));
            return copy;
        }
        return node;
    }

    /** Through JSON text, so a float from RestAssured and a double from Jackson compare as the same number. */
    private static JsonNode normalized(Object value) {
        try {
            return JSON.readTree(JSON.writeValueAsString(value));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Map<String, Object>> queryItems() {
        return given().auth().oauth2(ApiTokens.forRole("auditor"))
                .get("/api/audit-logs?limit=500&project_id=" + PROJECT).then().statusCode(200).extract().jsonPath()
                .getList("items");
    }

    private static Response export(String format) {
        Response response = given().auth().oauth2(ApiTokens.forRole("admin"))
                .get("/api/audit-logs/export?format=" + format + "&project_id=" + PROJECT);
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }
}
