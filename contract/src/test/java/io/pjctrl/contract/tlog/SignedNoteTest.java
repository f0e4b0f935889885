package io.pjctrl.contract.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class SignedNoteTest {

    private static final String SIGNATURE = "\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";

    @Test
    void shouldSplitAtTheLastBlankLine() {
        SignedNote note = SignedNote.parse("first\n\nsecond\n\n" + SIGNATURE + SIGNATURE);

        assertThat(note.text()).isEqualTo("first\n\nsecond\n");
        assertThat(note.signatures()).hasSize(2);
        assertThat(note.signatures().get(0).keyName()).isEqualTo("example.com/foo");
        assertThat(note.signatures().get(0).keyId()).isEqualTo(0x530d903a);
        assertThat(note.signatures().get(0).signature()).hasSize(64);
    }

    @Test
    void shouldFormatWhatItParsed() {
        String text = "a\nb\n\n" + SIGNATURE;
        assertThat(SignedNote.parse(text).format()).isEqualTo(text);
        SignedNote note = SignedNote.parse(text);
        assertThat(note.with(note.signatures().get(0)).format()).isEqualTo(text + SIGNATURE);
    }

    @Test
    void shouldRefuseMalformedNotes() {
        for (String bad : List.of("text\n" + SIGNATURE, "text\n\n", "text\n\n" + SIGNATURE.trim(),
                "text\n\n- example.com/foo AAAAAAAA\n", "text\n\n\u2014 example.com/foo\n",
                "text\n\n\u2014 example.com/foo AAAA\n", "text\n\n\u2014 example.com/foo !!!!\n",
                "te\txt\n\n" + SIGNATURE, "text\n\n\u2014 exa mple.com/foo AAAAAAAA\n",
                "text\n\n\u2014 example+com AAAAAAAA\n")) {
            assertThatThrownBy(() -> SignedNote.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void shouldRefuseBytesThatAreNotUtf8() {
        byte[] valid = ("text\n\n" + SIGNATURE).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] invalid = valid.clone();
        invalid[1] = (byte) 0xC3;

        assertThat(SignedNote.parse(valid).signatures()).hasSize(1);
        assertThatThrownBy(() -> SignedNote.parse(invalid)).hasMessageContaining("UTF-8");
    }

    @Test
    void shouldRefuseMoreSignaturesThanItsLimitButAcceptSixteen() {
        assertThat(SignedNote.parse("text\n\n" + SIGNATURE.repeat(16)).signatures()).hasSize(16);
        assertThatThrownBy(() -> SignedNote.parse("text\n\n" + SIGNATURE.repeat(SignedNote.MAX_SIGNATURES + 1)))
                .hasMessageContaining("more than");
    }
}
