package io.pjctrl.contract.verifier;

import static io.pjctrl.contract.verifier.ExportFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pjctrl.contract.chain.ChainedEntry;

/**
 * The packaged {@code target/pjctrl-verify.jar} run as an auditor runs it, {@code java -jar} with nothing else on
 * the class path: an untampered export exits 0, a tampered one 1, bad usage 2.
 */
class VerifyJarIT {

    @TempDir
    Path dir;

    final ExportFixture fixture = new ExportFixture();
    final List<ChainedEntry> chain = ExportFixture.chain("events-3", 3, 300, 100);
    final String note = fixture.rootNote(chain, 299, T0.plusSeconds(400));

    record Run(int exit, String out, String err) {
    }

    @Test
    void shouldVerifyAnExportAndExitZero() throws Exception {
        Path export = ExportFixture.write(dir, "audit-logs-20261128T100000Z.csv",
                ExportFixture.csv(ExportFixture.exportOrder(ExportFixture.rows(chain, note, 299))));
        Path checkpoint = ExportFixture.write(dir, "held.note", note);

        Run run = run("--key", fixture.log.verifierKey().encoded(), "--witness-key", fixture.witness.format(),
                "--checkpoint", checkpoint.toString(), export.toString());

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).startsWith("events-3 OK entries=300 seq=1..300 complete=yes format2=200 proofs=299/300");
    }

    @Test
    void shouldExitOneOnATamperedExport() throws Exception {
        String ndjson = ExportFixture.ndjson(ExportFixture.rows(chain, note, 299));
        Path export = ExportFixture.write(dir, "audit-logs-20261128T100000Z.ndjson",
                ndjson.replaceFirst("\"r-150\"", "\"r-151\""));

        Run run = run("--key", fixture.log.verifierKey().encoded(), "--witness-key", fixture.witness.format(),
                export.toString());

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).startsWith("events-3 FAIL checksum_mismatch");
        assertThat(run.err()).contains("events-3 checksum_mismatch seq=150").contains("events-3 inclusion_mismatch seq=150");
    }

    @Test
    void shouldExitTwoOnBadUsageAndPrintHelp() throws Exception {
        Run run = run("--quorum");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("usage: java -jar pjctrl-verify.jar");
        assertThat(run("--help").exit()).isZero();
    }

    private Run run(String... args) throws IOException, InterruptedException {
        String jar = System.getProperty("pjctrl.verify.jar", "target/pjctrl-verify.jar");
        assertThat(Path.of(jar)).as("the packaged verifier (mvn package)").exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar));
        command.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("verifier finished").isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
