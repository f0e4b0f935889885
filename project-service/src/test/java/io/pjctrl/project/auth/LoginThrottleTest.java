package io.pjctrl.project.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pjctrl.project.support.Api;
import io.pjctrl.project.support.Api.TestUser;
import io.pjctrl.project.support.EventLog;
import io.pjctrl.project.support.EventLog.Event;
import io.pjctrl.testing.InjectInfra;
import io.pjctrl.testing.KafkaBroker;
import io.pjctrl.testing.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Login throttling against the real database, with the default policy (5 free failures per account, 20 per IP, at
 * most 30 s per account) except for the first wait: 3 s instead of 1 s in the test profile, so that a busy machine
 * does not let a wait run out between two requests of a test. Each test signs in from an address of its own (X-Forwarded-For; the test
 * client is a trusted proxy in the test profile), so no test's failures slow down another's.
 */
@QuarkusTest
class LoginThrottleTest {

    @InjectInfra
    KafkaBroker broker;
    @InjectInfra
    TestTopics topics;
    @Inject
    Pool pool;

    private String ip;

    @BeforeEach
    void ownAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        ip = "198.18." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    @Test
    void shouldAnswer429WithRetryAfterOnceAnAccountUsedItsFreeAttempts() {
        TestUser member = Api.createUser("member");
        for (int i = 1; i <= 5; i++) {
            login(member.email(), "wrong-" + i, ip).then().statusCode(401);
        }
        Response refused = login(member.email(), "wrong-6", ip);
        refused.then()
                .statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pjctrl:problem:too-many-requests"))
                .body("status", equalTo(429));
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 3);
    }

    @Test
    void shouldGrowTheWaitWithEachFurtherFailure() throws Exception {
        TestUser member = Api.createUser("member");
        for (int i = 1; i <= 5; i++) {
            login(member.email(), "wrong-" + i, ip).then().statusCode(401);
        }
        int first = retryAfter(login(member.email(), "wrong", ip));
        Thread.sleep(first * 1_000L);
        login(member.email(), "wrong-again", ip).then().statusCode(401);
        int second = retryAfter(login(member.email(), "wrong", ip));
        assertThat(second).as("the wait after the 6th failure, against %d s after the 5th", first).isGreaterThan(first);
    }

    @Test
    void shouldBoundTheAccountsWaitSoAnAttackerCannotLockItsOwnerOutForLong() {
        TestUser member = Api.createUser("member");
        // An attacker has been guessing for a while: 60 failures, the last wait just over.
        pool.preparedQuery("INSERT INTO login_throttle (throttle_key, failures, last_attempt_at, blocked_until) "
                + "VALUES ($1, 60, $2, $2)")
                .executeAndAwait(Tuple.of("account:" + member.email(), OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1)));
        login(member.email(), "guess-61", ip).then().statusCode(401);
        // While the account waits, even the right password is refused (before any bcrypt).
        int wait = retryAfter(login(member.email(), member.password(), ip));
        assertThat(wait).as("account-max-backoff is 30 s").isBetween(25, 30);
    }

    @Test
    void shouldStartAfreshAfterTheRightPassword() throws Exception {
        TestUser member = Api.createUser("member");
        for (int i = 1; i <= 4; i++) {
            login(member.email(), "wrong-" + i, ip).then().statusCode(401);
        }
        login(member.email(), member.password(), ip).then().statusCode(200);
        for (int i = 1; i <= 5; i++) {
            assertThat(login(member.email(), "wrong-again-" + i, ip).statusCode()).as("failure %d after the reset", i)
                    .isEqualTo(401);
        }
        login(member.email(), "wrong", ip).then().statusCode(429);
    }

    @Test
    void shouldThrottleAnAccountFromEveryAddressButNotOtherAccounts() {
        TestUser target = Api.createUser("member");
        TestUser bystander = Api.createUser("member");
        for (int i = 1; i <= 5; i++) {
            login(target.email(), "wrong-" + i, ip).then().statusCode(401);
        }
        assertThat(login(target.email(), target.password(), "198.19.0." + ThreadLocalRandom.current().nextInt(1, 255))
                .statusCode()).as("the account waits whichever address asks").isEqualTo(429);
        assertThat(login(bystander.email(), bystander.password(), ip).statusCode())
                .as("other accounts from the same address").isEqualTo(200);
    }

    @Test
    void shouldThrottleAnAddressSprayingManyAccounts() {
        TestUser bystander = Api.createUser("member");
        for (int i = 1; i <= 20; i++) {
            login("spray-" + UUID.randomUUID() + "@pjctrl.test", "guess", ip).then().statusCode(401);
        }
        Response refused = login(bystander.email(), bystander.password(), ip);
        refused.then().statusCode(429).contentType("application/problem+json");
        assertThat(retryAfter(refused)).isBetween(1, 3);
        assertThat(login(bystander.email(), bystander.password(), "198.19.1." + ThreadLocalRandom.current().nextInt(1, 255))
                .statusCode()).as("the same account from another address").isEqualTo(200);
    }

    @Test
    void shouldNotCountSuccessfulSignInsAgainstTheirAddress() {
        TestUser member = Api.createUser("member");
        for (int i = 1; i <= 30; i++) {
            login(member.email(), member.password(), ip).then().statusCode(200);
        }
    }

    @Test
    void shouldRecordThrottledAttemptsAsLoginFailedWithTheReason() {
        EventLog log = EventLog.of(broker.bootstrapServers(), topics.events());
        TestUser member = Api.createUser("member");
        for (int i = 1; i <= 5; i++) {
            login(member.email(), "wrong-" + i, ip).then().statusCode(401);
        }
        String requestId = "throttled-" + UUID.randomUUID();
        given().contentType(ContentType.JSON)
                .header("X-Forwarded-For", ip)
                .header("X-Request-Id", requestId)
                .body(Map.of("email", member.email(), "password", "wrong-6"))
                .post("/api/auth/login")
                .then()
                .statusCode(429);
        Event event = log.awaitOne(EventLog.withRequestId(requestId));
        assertThat(event.type()).isEqualTo("user.login_failed");
        assertThat(event.data().path("resource_id").asText()).isEqualTo(member.id());
        assertThat(event.data().path("changes").path("reason").path("new").asText()).isEqualTo("throttled");
        assertThat(event.data().path("request_metadata").path("ip").asText()).isEqualTo(ip);
        assertThat(event.value()).doesNotContain("wrong-6");
    }

    private static Response login(String email, String password, String ip) {
        return given().contentType(ContentType.JSON)
                .header("X-Forwarded-For", ip)
                .body(Map.of("email", email, "password", password))
                .post("/api/auth/login");
    }

    private static int retryAfter(Response response) {
        response.then().statusCode(429);
        return Integer.parseInt(response.header("Retry-After"));
    }
}
