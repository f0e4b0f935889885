package io.pjctrl.contract.verifier;

import static io.pjctrl.contract.verifier.ExportFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pjctrl.contract.chain.ChainedEntry;

/**
 * Language-neutral sample exports for anyone writing a verifier (src/test/resources/verifier-vectors/): an
 * untampered NDJSON and CSV export of two chains with tlog-proofs, a held checkpoint of each format, the keys, and
 * the verdict this verifier prints for each. The files are checked in; this test proves the fixture still produces
 * them byte for byte (Ed25519 is deterministic) and that the verdicts hold. {@code -Dpjctrl.vectors.write=true}
 * rewrites them after a deliberate change.
 */
class VerifierVectorsTest {

    static final Path DIR = Path.of("src/test/resources/verifier-vectors");

    @Test
    void shouldReproduceTheCheckedInVectorsAndTheirVerdicts() throws IOException {
        Map<String, String> files = vectors();
        boolean write = Boolean.getBoolean("pjctrl.vectors.write");
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = DIR.resolve(file.getKey());
            if (write) {
                Files.createDirectories(DIR);
                Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
            }
            assertThat(Files.readString(path, StandardCharsets.UTF_8)).as(file.getKey()).isEqualTo(file.getValue());
        }
    }

    @Test
    void shouldPrintTheExpectedVerdictForEachVectorExport() throws IOException {
        List<String> keys = Files.readAllLines(DIR.resolve("keys.txt"));
        for (String export : List.of("audit-logs-20261128T100000Z.ndjson", "audit-logs-20261128T100000Z.csv",
                "tampered-checksum.ndjson", "tampered-proof.ndjson")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit = VerifyExport.run(new String[]{"--key", keys.get(0), "--witness-key", keys.get(1),
                    "--checkpoint", DIR.resolve("head-12.note").toString(), "--checkpoint",
                    DIR.resolve("root-40.note").toString(), DIR.resolve(export).toString()},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));

            String expected = Files.readString(DIR.resolve(export.replaceAll("\\.(ndjson|csv)$", "")
                    .replace("audit-logs-20261128T100000Z", "untampered") + ".expected"), StandardCharsets.UTF_8);
            assertThat(exit + "\n" + out.toString(StandardCharsets.UTF_8)).as(export).isEqualTo(expected);
        }
    }

    static Map<String, String> vectors() {
        ExportFixture fixture = new ExportFixture();
        List<ChainedEntry> chain0 = ExportFixture.chain("events-0", 0, 40, 12);
        List<ChainedEntry> chain1 = ExportFixture.chain("events-1", 1, 9, 0);
        String note0 = fixture.rootNote(chain0, 38, T0.plusSeconds(60));
        String note1 = fixture.rootNote(chain1, 9, T0.plusSeconds(60));
        List<ExportFixture.Row> rows = new ArrayList<>(ExportFixture.rows(chain0, note0, 38));
        rows.addAll(ExportFixture.rows(chain1, note1, 9));
        rows = ExportFixture.exportOrder(rows);

        Map<String, String> files = new LinkedHashMap<>();
        files.put("keys.txt", fixture.log.verifierKey().encoded() + "\n" + fixture.witness.format() + "\n");
        files.put("head-12.note", fixture.headNote(chain0, 12, T0.plusSeconds(20)));
        files.put("root-40.note", fixture.rootNote(chain0, 40, T0.plusSeconds(70)));
        String ndjson = ExportFixture.ndjson(rows);
        files.put("audit-logs-20261128T100000Z.ndjson", ndjson);
        files.put("audit-logs-20261128T100000Z.csv", ExportFixture.csv(rows));
        files.put("tampered-checksum.ndjson", ndjson.replace("\"request_id\": \"r-17\"", "\"request_id\": \"r-71\""));
        String proof = rows.stream().filter(row -> row.proof() != null).findFirst().orElseThrow().proof();
        String hashLine = proof.split("\n")[2];
        files.put("tampered-proof.ndjson", ndjson.replace(hashLine, hashLine.substring(0, 10)
                + (hashLine.charAt(10) == 'A' ? 'B' : 'A') + hashLine.substring(11)));
        return files;
    }
}
