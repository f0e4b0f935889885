package io.pjctrl.audit.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.pjctrl.contract.note.VerifierKey;

class PublishedKeyTest {

    static final VerifierKey KEY = new VerifierKey("pjctrl-audit-test", new byte[32]);
    static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant UNTIL = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    void shouldAcceptSignaturesInsideTheWindowAndWithinTheClockSkew() {
        PublishedKey key = new PublishedKey(KEY, FROM, UNTIL);
        assertThat(key.validAt(FROM)).isTrue();
        assertThat(key.validAt(UNTIL)).isTrue();
        assertThat(key.validAt(FROM.minusSeconds(30))).isTrue();
        assertThat(key.validAt(UNTIL.plusSeconds(30))).isTrue();
    }

    @Test
    void shouldRejectSignaturesOutsideTheWindow() {
        PublishedKey key = new PublishedKey(KEY, FROM, UNTIL);
        assertThat(key.validAt(FROM.minusSeconds(3600))).isFalse();
        assertThat(key.validAt(UNTIL.plusSeconds(3600))).isFalse();
    }

    @Test
    void shouldKeepACurrentKeyOpenEnded() {
        assertThat(new PublishedKey(KEY, FROM, null).validAt(Instant.parse("2030-01-01T00:00:00Z"))).isTrue();
    }
}
