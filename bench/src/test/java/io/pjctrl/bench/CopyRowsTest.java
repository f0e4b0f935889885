package io.pjctrl.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CopyRowsTest {

    @Test
    void shouldEscapeCopyTextSpecialCharacters() {
        String line = new CopyRows().add("a\tb").add(null).add("{\"x\":\"back\\\\slash\\n\"}").add("line\nbreak\r").end();

        assertThat(line).isEqualTo("a\\tb\t\\N\t{\"x\":\"back\\\\\\\\slash\\\\n\"}\tline\\nbreak\\r\n");
    }
}
