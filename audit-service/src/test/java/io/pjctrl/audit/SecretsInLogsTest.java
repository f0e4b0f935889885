package io.pjctrl.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.not;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.pjctrl.audit.testsupport.TestEvent;
import io.pjctrl.audit.testsupport.TestEvents;
import io.pjctrl.audit.web.ApiTokens;
import io.pjctrl.audit.web.Roles;
import io.pjctrl.testing.InjectInfra;
import io.pjctrl.testing.LogScan;
import io.pjctrl.testing.TestDatabase;
import io.pjctrl.testing.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * Tokens, passwords, the checkpoint signing key and the key-encryption key never reach a log line, at any level: the application runs with
 * TRACE for our code and DEBUG for the frameworks, writing the JSON lines of the prod format, through every path that
 * handles one (signed checkpoints, the API with good, forged and expired tokens, an export, a verification, an
 * erasure, the sign-in proxy forwarding a password).
 */
@QuarkusTest
@TestProfile(SecretsInLogsTest.EverythingLogged.class)
class SecretsInLogsTest {

    static final Path LOG = Path.of("target", "secrets-in-logs", "audit-service.log");

    public static class EverythingLogged implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return LogScan.everythingTo(LOG);
        }
    }

    @InjectInfra
    KafkaCompanion kafka;
    @InjectInfra
    TestTopics topics;
    @InjectInfra
    TestDatabase database;

    @Test
    void shouldKeepTokensPasswordsAndTheCheckpointKeyOutOfEveryLogLine() {
        List<TestEvent> events = IntStream.range(0, 5).mapToObj(i -> TestEvent.of("task.update").partition(0)).toList();
        new TestEvents(kafka, topics, database).publishAndAwait(events);
        String auditor = ApiTokens.forRole(Roles.AUDITOR);
        String admin = ApiTokens.forRole(Roles.ADMIN);
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(auditor)
                .get("/api/checkpoints?chain_id=events-0").then().statusCode(200).body("items", not(empty())));
        given().auth().oauth2(auditor).get("/api/audit-logs?limit=5").then().statusCode(200);
        given().auth().oauth2(auditor).get("/api/audit-logs/export?format=ndjson").then().statusCode(200);
        given().auth().oauth2(admin).contentType("application/json").body("{}").post("/api/integrity/verify")
                .then().statusCode(200);
        // An erasure unwraps and deletes a subject's key, sealed with the key-encryption key: neither is logged.
        given().auth().oauth2(admin).contentType("application/json")
                .body("{\"user_id\":\"" + UUID.randomUUID() + "\",\"reason\":\"log scan\"}").post("/api/privacy/erasures")
                .then().statusCode(201);
        String forged = ApiTokens.forged(Roles.ADMIN);
        String expired = ApiTokens.expired(Roles.ADMIN);
        given().auth().oauth2(forged).get("/api/audit-logs").then().statusCode(401);
        given().auth().oauth2(expired).get("/api/audit-logs").then().statusCode(401);
        String password = "pw-" + UUID.randomUUID();
        given().contentType("application/json")
                .body("{\"email\":\"auditor@pjctrl.test\",\"password\":\"" + password + "\"}")
                .post("/api/session/login").then().statusCode(503);
        String canary = "log-scan-canary-" + UUID.randomUUID();
        Logger.getLogger("io.pjctrl.audit.test").tracef("%s", canary);

        LogScan log = LogScan.of(LOG)
                .secret("sign-in password", password)
                .secret("database password", ConfigProvider.getConfig().getValue("quarkus.datasource.password", String.class))
                .secret("key-encryption key",
                        ConfigProvider.getConfig().getValue("pjctrl.privacy.key-encryption-key", String.class))
                .jwt("auditor token", auditor)
                .jwt("admin token", admin)
                .jwt("forged token", forged)
                .jwt("expired token", expired)
                .pem("checkpoint signing key", "pjctrl-test-keys/checkpoint-private.pem");

        assertThat(log.logged(canary)).as("a TRACE line of io.pjctrl reaches %s", log.file()).isTrue();
        assertThat(log.notJson()).as("lines of %s that are not JSON", log.file()).isEmpty();
        assertThat(log.leaks()).as("log lines holding a secret").isEmpty();
    }
}
