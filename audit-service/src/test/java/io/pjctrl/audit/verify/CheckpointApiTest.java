package io.pjctrl.audit.verify;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.pjctrl.audit.testsupport.TestEvent;
import io.pjctrl.audit.testsupport.TestEvents;
import io.pjctrl.audit.web.ApiTokens;
import io.pjctrl.contract.note.NoteVerification;
import io.pjctrl.contract.note.SignedNotes;
import io.pjctrl.contract.note.VerifierKey;
import io.pjctrl.testing.InjectInfra;
import io.pjctrl.testing.TestDatabase;
import io.pjctrl.testing.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** The published checkpoints and keys are enough for an outsider to verify a checkpoint offline. */
@QuarkusTest
class CheckpointApiTest {

    private static final String API_INSTANT = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{3}|\\.\\d{6})?Z";

    @InjectInfra
    KafkaCompanion kafka;
    @InjectInfra
    TestTopics topics;
    @InjectInfra
    TestDatabase db;

    @Test
    void shouldPublishLatestCheckpointsVerifiableWithThePublishedKeys() throws Exception {
        String resource = UUID.randomUUID().toString();
        new TestEvents(kafka, topics, db).publishAndAwait(
                TestEvent.of("task.create").resource("task", resource).action("create").aggregateVersion(1));
        List<Map<String, Object>> latest = awaitLatest();
        List<VerifierKey> keys = new ArrayList<>();
        for (Map<String, Object> key : given().auth().oauth2(ApiTokens.forRole("auditor")).get("/api/keys").then()
                .statusCode(200).extract().jsonPath().<Map<String, Object>>getList("$")) {
            assertThat(key).containsOnlyKeys("key_id", "algorithm", "public_key", "valid_from", "valid_until");
            assertThat(key.get("algorithm")).isEqualTo("Ed25519");
            // Instants print as ISO_INSTANT: UTC, Z, 0, 3 or 6 fractional digits (not the fixed six of the hash)
            assertThat((String) key.get("valid_from")).matches(API_INSTANT);
            keys.add(VerifierKey.parse((String) key.get("public_key")));
        }
        JsonPath published = given().auth().oauth2(ApiTokens.forRole("auditor")).get("/api/keys").then().extract()
                .jsonPath();
        // The current key is open-ended; a configured retired key keeps its window, printed without zero fractions.
        assertThat(published.<Object>get("find { it.key_id == 'pjctrl-audit-test+70cd40cb' }.valid_until")).isNull();
        assertThat(published.<String>get("find { it.key_id == 'pjctrl-audit-retired+b13e79a1' }.valid_from"))
                .isEqualTo("2025-01-01T00:00:00Z");
        assertThat(published.<String>get("find { it.key_id == 'pjctrl-audit-retired+b13e79a1' }.valid_until"))
                .isEqualTo("2026-01-01T00:00:00Z");
        assertThat(latest).extracting(c -> c.get("chain_id")).doesNotHaveDuplicates();
        for (Map<String, Object> checkpoint : latest) {
            NoteVerification result = SignedNotes.verify((String) checkpoint.get("signed_note"), keys);
            assertThat(result).isInstanceOf(NoteVerification.Verified.class);
            NoteVerification.Verified verified = (NoteVerification.Verified) result;
            assertThat(verified.checkpoint().size()).isEqualTo(((Number) checkpoint.get("seq")).longValue());
            // Format 2 signs the tree root (root_hash); format 1 (before V40) the head checksum.
            assertThat(verified.checkpoint().headChecksum())
                    .isEqualTo(checkpoint
                            .get(((Number) checkpoint.get("format")).intValue() == 2 ? "root_hash" : "head_checksum"));
            assertThat(verified.keyId()).isEqualTo(checkpoint.get("key_id"));
            assertThat(checkpoint).containsOnlyKeys("id", "chain_id", "seq", "head_checksum", "origin", "key_id",
                    "signed_note", "created_at", "format", "root_hash", "cosignatures");
            assertThat((String) checkpoint.get("signed_note")).endsWith("\n").doesNotEndWith("\n\n");
            assertThat((String) checkpoint.get("created_at")).matches(API_INSTANT);
        }
    }

    @Test
    void shouldListOneChainsCheckpointsNewestFirstWithPaging() throws Exception {
        // Its own event, so a checkpoint exists whichever test of the JVM runs first.
        new TestEvents(kafka, topics, db).publishAndAwait(TestEvent.of("task.create")
                .resource("task", UUID.randomUUID().toString()).action("create").aggregateVersion(1));
        String chain = (String) awaitLatest().get(0).get("chain_id");
        List<String> seen = new ArrayList<>();
        String cursor = null;
        Instant previous = Instant.MAX;
        int pages = 0;
        do {
            JsonPath page = given().auth().oauth2(ApiTokens.forRole("auditor")).urlEncodingEnabled(false)
                    .get("/api/checkpoints?chain_id=" + chain + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor))
                    .then().statusCode(200).extract().jsonPath();
            for (Map<String, Object> item : page.<Map<String, Object>>getList("items")) {
                assertThat(item.get("chain_id")).isEqualTo(chain);
                Instant created = Instant.parse((String) item.get("created_at"));
                assertThat(created).isBeforeOrEqualTo(previous);
                previous = created;
                seen.add((String) item.get("id"));
            }
            cursor = page.getString("next_cursor");
            pages++;
        } while (cursor != null && pages < 50);
        assertThat(seen).isNotEmpty().doesNotHaveDuplicates();
    }

    private static List<Map<String, Object>> awaitLatest() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        List<Map<String, Object>> latest = List.of();
        while (latest.isEmpty() && Instant.now().isBefore(deadline)) {
            latest = given().auth().oauth2(ApiTokens.forRole("auditor")).get("/api/checkpoints/latest").then()
                    .statusCode(200).extract().jsonPath().getList("$");
            Thread.sleep(200);
        }
        assertThat(latest).isNotEmpty();
        return latest;
    }
}
