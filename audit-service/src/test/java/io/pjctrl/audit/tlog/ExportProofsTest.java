package io.pjctrl.audit.tlog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pjctrl.audit.testsupport.ExportedEntries;
import io.pjctrl.audit.testsupport.SeededEvents;
import io.pjctrl.audit.testsupport.TestEvent;
import io.pjctrl.audit.testsupport.TestEvents;
import io.pjctrl.audit.testsupport.TlogCheckpoints;
import io.pjctrl.audit.testsupport.TlogCheckpoints.ChainPosition;
import io.pjctrl.audit.web.ApiTokens;
import io.pjctrl.contract.chain.AuditEntry;
import io.pjctrl.contract.tlog.Checkpoint;
import io.pjctrl.contract.tlog.ProofVerifier;
import io.pjctrl.contract.tlog.Rfc6962;
import io.pjctrl.contract.tlog.SignedNote;
import io.pjctrl.contract.tlog.TlogProof;
import io.pjctrl.testing.InjectInfra;
import io.pjctrl.testing.TestDatabase;
import io.pjctrl.testing.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * An export filtered to one project with {@code proofs=true}, NDJSON and CSV: every entry that the named checkpoint
 * of its chain covers carries a tlog-proof that verifies offline from the exported fields alone (the leaf is
 * recomputed from them), against that checkpoint; the others carry none.
 */
@QuarkusTest
class ExportProofsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final UUID PROJECT = UUID.randomUUID();
    static final SeededEvents EVENTS = new SeededEvents(ExportProofsTest::events);
    static boolean checkpointed;

    @InjectInfra
    KafkaCompanion kafka;
    @InjectInfra
    TestTopics topics;
    @InjectInfra
    TestDatabase db;

    static List<TestEvent> events() {
        List<TestEvent> events = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            events.add(TestEvent.of("task.create").resource("task", "proof-" + UUID.randomUUID())
                    .projectId(i % 3 == 0 ? UUID.randomUUID() : PROJECT).aggregateVersion(1));
        }
        return events;
    }

    @BeforeEach
    void seedOnce() {
        EVENTS.publishOnce(kafka, topics, db);
        if (!checkpointed) {
            Map<String, Long> highest = new HashMap<>();
            for (TestEvent event : EVENTS) {
                ChainPosition at = TlogCheckpoints.positionOf(db, event.eventId());
                highest.merge(at.chainId(), at.seq(), Math::max);
            }
            TestEvents events = new TestEvents(kafka, topics, db);
            highest.forEach((chain, seq) -> TlogCheckpoints.ensure(events, db, chain, seq));
            checkpointed = true;
        }
    }

    @Test
    void shouldExportNdjsonWhoseEveryProofVerifiesAgainstTheNamedCheckpoint() throws Exception {
        Response response = export("ndjson");
        Map<String, Long> named = named(response);
        String[] lines = new String(response.asByteArray(), StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(16);
        for (String line : lines) {
            JsonNode entry = JSON.readTree(line);
            assertThat(entry.has("tlog_proof")).isTrue();
            verify(entry, entry.get("tlog_proof").isNull() ? null : entry.get("tlog_proof").asText(), named);
        }
    }

    @Test
    void shouldExportCsvWhoseEveryProofVerifiesAgainstTheNamedCheckpoint() throws Exception {
        Response response = export("csv");
        Map<String, Long> named = named(response);
        String body = new String(response.asByteArray(), StandardCharsets.UTF_8);
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(body)).getRecords();
        assertThat(records).hasSize(16);
        assertThat(records.get(0).getParser().getHeaderNames()).endsWith("source_offset", "tlog_proof");
        for (CSVRecord record : records) {
            verify(fromCsv(record), record.get("tlog_proof").isEmpty() ? null : record.get("tlog_proof"), named);
        }
    }

    @Test
    void shouldExportWithoutTheProofColumnUnlessAsked() throws Exception {
        String body = given().auth().oauth2(ApiTokens.forRole("auditor"))
                .get("/api/audit-logs/export?format=ndjson&project_id=" + PROJECT).then().statusCode(200)
                .extract().asString();
        assertThat(JSON.readTree(body.split("\n")[0]).has("tlog_proof")).isFalse();
        Response bad = given().auth().oauth2(ApiTokens.forRole("auditor"))
                .get("/api/audit-logs/export?format=ndjson&proofs=yes");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.jsonPath().getString("errors[0].field")).isEqualTo("proofs");
    }

    /** The entry's proof is there exactly when the named checkpoint covers it, and then verifies. */
    private static void verify(JsonNode exported, String proofText, Map<String, Long> named) {
        AuditEntry entry = entry(exported);
        Long size = named.get(entry.chainId());
        if (size == null || entry.seq() > size) {
            assertThat(proofText).as("proof of %s seq %d beyond %s", entry.chainId(), entry.seq(), size).isNull();
            return;
        }
        assertThat(proofText).as("proof of %s seq %d", entry.chainId(), entry.seq()).isNotNull();
        TlogProof proof = TlogProof.parse(proofText);
        SignedNote note = SignedNote.parse(proof.checkpointNote());
        TlogCheckpoints.verifyLogSignature(note);
        Checkpoint checkpoint = Checkpoint.parse(note.text());
        assertThat(checkpoint.origin()).isEqualTo(TlogCheckpoints.ORIGIN_PREFIX + "/" + entry.chainId());
        assertThat(checkpoint.size()).isEqualTo(size);
        assertThat(proof.index()).isEqualTo(entry.seq() - 1);
        ProofVerifier.verifyInclusion(proof.index(), checkpoint.size(), Rfc6962.entryLeafHash(entry.canonical()),
                proof.inclusionPath(), checkpoint.rootHash());
    }

    private static Response export(String format) {
        Response response = given().auth().oauth2(ApiTokens.forRole("auditor"))
                .get("/api/audit-logs/export?format=" + format + "&proofs=true&project_id=" + PROJECT);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return response;
    }

    /** {@code X-Export-Checkpoints: events-0=120, events-1=37}. */
    private static Map<String, Long> named(Response response) {
        Map<String, Long> named = new LinkedHashMap<>();
        String header = response.header("X-Export-Checkpoints");
        assertThat(header).isNotBlank();
        for (String pair : header.split(", ")) {
            String[] parts = pair.split("=");
            named.put(parts[0], Long.parseLong(parts[1]));
        }
        return named;
    }

    /** A CSV row as the NDJSON object it stands for: one added leading quote stripped, JSON cells parsed. */
    private static JsonNode fromCsv(CSVRecord record) throws Exception {
        ObjectNode node = JSON.createObjectNode();
        for (Map.Entry<String, String> cell : record.toMap().entrySet()) {
            String value = cell.getValue().startsWith("'") ? cell.getValue().substring(1) : cell.getValue();
            switch (cell.getKey()) {
                case "changes", "request_metadata" -> node.set(cell.getKey(), JSON.readTree(value));
                default -> {
                    if (value.isEmpty()) {
                        node.putNull(cell.getKey());
                    } else {
                        node.put(cell.getKey(), value);
                    }
                }
            }
        }
        return node;
    }

    static AuditEntry entry(JsonNode e) {
        return ExportedEntries.entry(e);
    }
}
