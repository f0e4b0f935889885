package io.pjctrl.contract.note;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.pjctrl.contract.chain.Vectors;

class PrintVerifierKeyTest {

    @Test
    void shouldPrintTheVerifierKeyOfTheCheckpointVectors() {
        String pem = Vectors.resource("pjctrl-test-keys/checkpoint-private.pem");

        assertThat(PrintVerifierKey.verifierKey("pjctrl-audit-test", pem))
                .isEqualTo("pjctrl-audit-test+70cd40cb+ASxkMSSYp9oiMKPIaRRlD3d5AHdtN8KlodGdNPcbRy13");
    }

    @Test
    void shouldChangeTheKeyHashWithTheKeyName() {
        String pem = Vectors.resource("pjctrl-test-keys/checkpoint-private.pem");

        assertThat(PrintVerifierKey.verifierKey("pjctrl-audit", pem))
                .startsWith("pjctrl-audit+")
                .doesNotContain("70cd40cb")
                .endsWith("+ASxkMSSYp9oiMKPIaRRlD3d5AHdtN8KlodGdNPcbRy13");
    }

    @Test
    void shouldEndTheSignedNoteWithOneLineFeed() {
        NoteSigner signer = NoteSigner.fromPem("pjctrl-audit-test",
                Vectors.resource("pjctrl-test-keys/checkpoint-private.pem"));
        String note = signer.sign(new Checkpoint("pjctrl-audit/events-0", 2, "ab".repeat(32),
                Instant.parse("2026-11-28T09:15:10Z")));

        assertThat(note).endsWith("=\n").doesNotEndWith("\n\n");
        assertThat(note.split("\n\n", -1)[1]).matches("\u2014 pjctrl-audit-test [A-Za-z0-9+/]+=*\n");
    }
}
