package io.pjctrl.project;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.pjctrl.project.support.Api;
import io.pjctrl.project.support.Api.TestUser;
import io.pjctrl.project.support.EventLog;
import io.pjctrl.testing.InjectInfra;
import io.pjctrl.testing.KafkaBroker;
import io.pjctrl.testing.LogScan;
import io.pjctrl.testing.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Passwords, tokens and private keys never reach a log line, at any level: the application runs with TRACE for our
 * code and DEBUG for the frameworks, writing the JSON lines of the prod format, through every path that handles one
 * (login right and wrong, user creation, bad input, authenticated writes published to Kafka, a forged token,
 * logout).
 */
@QuarkusTest
@TestProfile(SecretsInLogsTest.EverythingLogged.class)
class SecretsInLogsTest {

    static final Path LOG = Path.of("target", "secrets-in-logs", "project-service.log");

    public static class EverythingLogged implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return LogScan.everythingTo(LOG);
        }
    }

    @InjectInfra
    KafkaBroker broker;
    @InjectInfra
    TestTopics topics;

    @Test
    void shouldKeepPasswordsTokensAndPrivateKeysOutOfEveryLogLine() {
        String adminToken = Api.adminToken();
        TestUser member = Api.createUser("manager");
        String projectId = Api.createProject(member, "secrets " + UUID.randomUUID());
        Api.createTask(member, projectId, "a task");
        given().contentType(ContentType.JSON)
                .body(Map.of("email", member.email(), "password", "wrong-" + member.password()))
                .post("/api/auth/login").then().statusCode(401);
        String shortPassword = "sh0rt!";
        Api.as(adminToken).body(Map.of("email", "x-" + UUID.randomUUID() + "@pjctrl.test", "display_name", "x",
                "role", "member", "password", shortPassword)).post("/api/users").then().statusCode(400);
        String forged = member.token().substring(0, member.token().lastIndexOf('.') + 1)
                + "Zm9yZ2VkLXNpZ25hdHVyZS1ub3QtdmFsaWQ";
        Api.as(forged).get("/api/projects").then().statusCode(401);
        String memberToken = member.token();
        member.as().post("/api/auth/logout").then().statusCode(204);
        Api.as(memberToken).get("/api/projects").then().statusCode(401);
        // The change went through the relay (and the Kafka producer) before the log is read.
        EventLog.of(broker.bootstrapServers(), topics.events()).awaitOne(EventLog.forResource(projectId));
        String canary = "log-scan-canary-" + UUID.randomUUID();
        Logger.getLogger("io.pjctrl.project.test").tracef("%s", canary);

        LogScan log = LogScan.of(LOG)
                .secret("bootstrap admin password", Api.ADMIN_PASSWORD)
                .secret("user password", member.password())
                .secret("wrong password", "wrong-" + member.password())
                .secret("database password", ConfigProvider.getConfig().getValue("quarkus.datasource.password", String.class))
                .jwt("admin token", adminToken)
                .jwt("member token", memberToken)
                .jwt("forged token", forged)
                .pem("JWT signing key", "pjctrl-test-keys/jwt-private.pem");

        assertThat(log.logged(canary)).as("a TRACE line of io.pjctrl reaches %s", log.file()).isTrue();
        assertThat(log.notJson()).as("lines of %s that are not JSON", log.file()).isEmpty();
        assertThat(log.leaks()).as("log lines holding a secret").isEmpty();
    }
}
