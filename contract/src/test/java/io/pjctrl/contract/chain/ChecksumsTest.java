package io.pjctrl.contract.chain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChecksumsTest {

    @Test
    void shouldAcceptOnly64LowercaseHexCharacters() {
        assertThat(Checksums.isChecksum(Checksums.GENESIS)).isTrue();
        assertThat(Checksums.isChecksum("0123456789abcdef".repeat(4))).isTrue();

        assertThat(Checksums.isChecksum(null)).isFalse();
        assertThat(Checksums.isChecksum("")).isFalse();
        assertThat(Checksums.isChecksum("0".repeat(63))).isFalse();
        assertThat(Checksums.isChecksum("0".repeat(65))).isFalse();
        assertThat(Checksums.isChecksum("0123456789ABCDEF".repeat(4))).as("upper case").isFalse();
        assertThat(Checksums.isChecksum("0".repeat(63) + "g")).isFalse();
        assertThat(Checksums.isChecksum("0".repeat(63) + "/")).as("just below '0'").isFalse();
        assertThat(Checksums.isChecksum("0".repeat(63) + ":")).as("just above '9'").isFalse();
        assertThat(Checksums.isChecksum("0".repeat(63) + "`")).as("just below 'a'").isFalse();
        assertThat(Checksums.isChecksum("0".repeat(63) + "\u0660")).as("a non-ASCII digit").isFalse();
    }
}
