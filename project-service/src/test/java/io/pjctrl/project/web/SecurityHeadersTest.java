package io.pjctrl.project.web;

import org.junit.jupiter.api.Test;

import io.pjctrl.testing.SecurityHeaderChecks;
import io.quarkus.test.junit.QuarkusTest;

/** The browser-facing security headers on every kind of answer of the packaged service: REST, errors, health, 404. */
@QuarkusTest
class SecurityHeadersTest {

    private static final String[] PATHS = {"/api/projects", "/api/projects?page=-1", "/q/health/ready", "/no-such-path"};

    @Test
    void shouldSendTheSecurityHeadersOnEveryKindOfAnswer() {
        SecurityHeaderChecks.assertOnEveryAnswer(PATHS);
    }

    @Test
    void shouldAnswerHeadLikeGet() {
        SecurityHeaderChecks.assertHeadLikeGet(PATHS);
    }
}
