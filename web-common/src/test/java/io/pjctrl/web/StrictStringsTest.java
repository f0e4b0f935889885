package io.pjctrl.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StrictStringsTest {

    @Test
    void shouldAcceptUnicodeTextIncludingSurrogatePairs() {
        assertThat(StrictStrings.firstInvalid("ünïcödé 😀 \u202E a\u0301")).isEqualTo(-1);
    }

    @Test
    void shouldFindNulAndUnpairedSurrogates() {
        assertThat(StrictStrings.firstInvalid("a\u0000b")).isEqualTo(1);
        assertThat(StrictStrings.firstInvalid("x\ud800")).isEqualTo(1);
        assertThat(StrictStrings.firstInvalid("\udc00x")).isEqualTo(0);
        assertThat(StrictStrings.firstInvalid("\ud800\ud800\udc00")).isEqualTo(0);
    }
}
