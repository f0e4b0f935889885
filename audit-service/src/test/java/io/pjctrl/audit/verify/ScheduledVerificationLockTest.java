package io.pjctrl.audit.verify;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.pjctrl.audit.verify.ScheduledVerification.Outcome;
import io.pjctrl.testing.InjectInfra;
import io.pjctrl.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Two replicas triggering the scheduled verification against one database: the test's own session stands for the
 * other replica, holding the verification's advisory lock as a running verification does. This replica's trigger
 * then skips, and its gauges stop reporting its earlier result (NaN); once the lock is free it runs, reports the
 * result, and frees the lock again. (The schedule itself is off in this profile: only the test triggers.)
 */
@QuarkusTest
class ScheduledVerificationLockTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    ScheduledVerification scheduled;

    @InjectInfra
    TestDatabase db;

    @Test
    void shouldRunOnOneReplicaAtATimeAndNotReportAStaleResultWhenSkipped() throws Exception {
        // Other tests share this database and may leave it invalid: a run reports a result, valid or not.
        assertThat(scheduled.trigger().await().atMost(WAIT)).isEqualTo(Outcome.RAN);
        assertThat(gauge("pjctrl_verify_last_valid")).isIn(0.0, 1.0);
        double skippedBefore = gauge("pjctrl_verify_scheduled_skipped_total");

        try (Connection otherReplica = db.connect()) {
            assertThat(tryLock(otherReplica)).as("the run released the lock").isTrue();

            assertThat(scheduled.trigger().await().atMost(WAIT)).isEqualTo(Outcome.SKIPPED);
            assertThat(scheduled.trigger().await().atMost(WAIT)).isEqualTo(Outcome.SKIPPED);

            assertThat(gauge("pjctrl_verify_last_valid")).isNaN();
            assertThat(gauge("pjctrl_verify_last_run_timestamp_seconds")).isNaN();
            assertThat(gauge("pjctrl_verify_last_entries")).isNaN();
            assertThat(gauge("pjctrl_verify_last_failures")).isNaN();
            assertThat(gauge("pjctrl_verify_scheduled_skipped_total")).isEqualTo(skippedBefore + 2);
        }

        // The other replica's session ended (as when its run finished or it died): the lock is free again.
        assertThat(scheduled.trigger().await().atMost(WAIT)).isEqualTo(Outcome.RAN);
        assertThat(gauge("pjctrl_verify_last_valid")).isIn(0.0, 1.0);
        assertThat(gauge("pjctrl_verify_last_run_timestamp_seconds")).isPositive();
        try (Connection otherReplica = db.connect()) {
            assertThat(tryLock(otherReplica)).as("the run released the lock").isTrue();
        }
    }

    private static boolean tryLock(Connection connection) throws Exception {
        try (Statement s = connection.createStatement(); ResultSet rows = s.executeQuery(ScheduledVerification.TRY_LOCK)) {
            rows.next();
            return rows.getBoolean("locked");
        }
    }

    private static double gauge(String name) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Optional<String> line = metrics.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .findFirst();
        assertThat(line).as("%s exposed", name).isPresent();
        return Double.parseDouble(line.get().substring(line.get().lastIndexOf(' ') + 1).trim());
    }
}
