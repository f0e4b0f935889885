package io.pjctrl.audit.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.pjctrl.audit.testsupport.TestEvent;
import io.pjctrl.audit.testsupport.TestEvents;
import io.pjctrl.audit.web.ApiTokens;
import io.pjctrl.audit.web.Roles;
import io.pjctrl.testing.InjectInfra;
import io.pjctrl.testing.TestDatabase;
import io.pjctrl.testing.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * A user.logout that reached the trail ends the user's earlier tokens at the audit API (project-service revokes the
 * one token in its own database; this service sees only the event).
 */
@QuarkusTest
class LogoutCheckTest {

    @InjectInfra
    KafkaCompanion kafka;
    @InjectInfra
    TestTopics topics;
    @InjectInfra
    TestDatabase db;

    @Test
    void shouldRefuseTokensIssuedBeforeTheUsersLogoutAndAcceptLaterOnes() {
        UUID user = UUID.randomUUID();
        UUID otherUser = UUID.randomUUID();
        Instant now = Instant.now();
        String before = ApiTokens.forUser(user, Roles.AUDITOR, now.minusSeconds(120));
        String otherUsersToken = ApiTokens.forUser(otherUser, Roles.AUDITOR, now.minusSeconds(120));
        assertStatus(before, 200);

        new TestEvents(kafka, topics, db).publishAndAwait(TestEvent.of("user.logout").resource("user", user.toString())
                .actor(user, "auditor").occurredAt(now.minusSeconds(60)));

        given().auth().oauth2(before).get("/api/audit-logs?limit=1").then()
                .statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(401));
        assertStatus(ApiTokens.forUser(user, Roles.AUDITOR, now.minusSeconds(30)), 200);
        assertStatus(otherUsersToken, 200);
    }

    private static void assertStatus(String token, int status) {
        given().auth().oauth2(token).get("/api/audit-logs?limit=1").then().statusCode(status);
    }
}
