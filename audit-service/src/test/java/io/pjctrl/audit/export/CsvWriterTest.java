package io.pjctrl.audit.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** The cell rules docs/api.md states for a verifier reading CSV exports. */
class CsvWriterTest {

    @Test
    void shouldWriteNullAsAnEmptyCellAndTheEmptyStringAsTwoQuotes() {
        assertThat(CsvWriter.line(Arrays.asList("a", null, "", "b"))).isEqualTo("a,,\"\",b\r\n");
    }

    @Test
    void shouldNeutraliseBeforeQuotingSoAReaderUnquotesFirstThenStripsOneQuote() {
        assertThat(CsvWriter.line(Arrays.asList("=1,2", "'x", "\rCR"))).isEqualTo("\"'=1,2\",''x,\"'\rCR\"\r\n");
    }

    @Test
    void shouldWriteThePlainColumnNamesAsTheHeaderWithoutBom() {
        assertThat(CsvWriter.header()).isEqualTo(String.join(",", ExportColumns.NAMES) + "\r\n")
                .startsWith("id,event_id,");
    }
}
