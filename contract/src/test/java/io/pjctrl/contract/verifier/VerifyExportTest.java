package io.pjctrl.contract.verifier;

import static io.pjctrl.contract.verifier.ExportFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pjctrl.contract.chain.AuditEntry;
import io.pjctrl.contract.chain.ChainedEntry;
import io.pjctrl.contract.chain.Checksums;
import io.pjctrl.contract.chain.EntrySource;
import io.pjctrl.contract.tlog.TlogProof;

/**
 * The offline verifier end to end in-process: exports built with the contract library as audit-service will write
 * them (ExportFixture), verified untampered, then each tampering on its own, which must make the verdict FAIL with
 * the kind that names it.
 */
class VerifyExportTest {

    @TempDir
    Path dir;

    final ExportFixture fixture = new ExportFixture();
    // events-0: 40 entries, 1..12 of format 1 (before V40), a format-1 checkpoint at 12, the proofs' checkpoint at 38.
    final List<ChainedEntry> chain0 = ExportFixture.chain("events-0", 0, 40, 12);
    final List<ChainedEntry> chain1 = ExportFixture.chain("events-1", 1, 9, 0);
    final String proofNote0 = fixture.rootNote(chain0, 38, T0.plusSeconds(60));
    final String proofNote1 = fixture.rootNote(chain1, 9, T0.plusSeconds(60));

    record Result(int exit, String out, String err) {
    }

    List<ExportFixture.Row> rows() {
        List<ExportFixture.Row> rows = new ArrayList<>(ExportFixture.rows(chain0, proofNote0, 38));
        rows.addAll(ExportFixture.rows(chain1, proofNote1, 9));
        return ExportFixture.exportOrder(rows);
    }

    Result verify(String exportName, String export, String... options) {
        Path file = ExportFixture.write(dir, exportName, export);
        List<String> args = new ArrayList<>(List.of("--key", fixture.log.verifierKey().encoded(), "--witness-key",
                fixture.witness.format()));
        args.addAll(List.of(options));
        args.add(file.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = VerifyExport.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Result verify(List<ExportFixture.Row> rows, String... options) {
        return verify("audit-logs-20261128T100000Z.ndjson", ExportFixture.ndjson(rows), options);
    }

    String checkpointFile(String name, String note) {
        return ExportFixture.write(dir, name, note).toString();
    }

    static void assertFails(Result result, String chainId, String kind) {
        assertThat(result.exit()).as(result.out() + result.err()).isEqualTo(1);
        assertThat(result.out()).as(result.err()).contains(chainId + " FAIL ");
        assertThat(result.err()).as(result.out()).contains(chainId + " " + kind);
    }

    @Test
    void shouldVerifyAnUntamperedExportWithProofsAndHeldCheckpointsOfBothFormats() {
        Result result = verify(rows(), "--checkpoint", checkpointFile("head-12", fixture.headNote(chain0, 12,
                T0.plusSeconds(20))), "--checkpoint", checkpointFile("root-40",
                        fixture.rootNote(chain0, 40,
                                T0.plusSeconds(70))));

        assertThat(result.exit()).as(result.out() + result.err()).isZero();
        assertThat(result.out().lines()).hasSize(2);
        assertThat(result.out()).contains("events-0 OK entries=40 seq=1..40 complete=yes format2=28 proofs=38/40")
                .contains("12:head-12=head").contains("40:root-40=root(1 cosignatures)")
                .contains("38:proof=root(1 cosignatures)")
                .contains("events-1 OK entries=9 seq=1..9 complete=yes format2=9 proofs=9/9");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void shouldVerifyTheSameExportWrittenAsCsv() {
        Result result = verify("audit-logs-20261128T100000Z.csv", ExportFixture.csv(rows()));

        assertThat(result.exit()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("events-0 OK entries=40").contains("events-1 OK entries=9");
    }

    @Test
    void shouldReadTheCsvBackToTheEntriesThatWereWritten() throws Exception {
        List<ExportFixture.Row> rows = rows();
        Path file = ExportFixture.write(dir, "export.csv", ExportFixture.csv(rows));
        List<ExportRow> read = new ArrayList<>();
        ExportReader.read(file, ExportReader.detect(file), new ExportReader.Rows() {

            @Override
            public void row(ExportRow row) {
                read.add(row);
            }

            @Override
            public void malformed(long line, String chainId, String why) {
                throw new AssertionError("row " + line + ": " + why);
            }
        });

        assertThat(read).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            ChainedEntry written = rows.get(i).stored();
            assertThat(read.get(i).entry()).isEqualTo(written.entry());
            assertThat(read.get(i).entry().canonical()).isEqualTo(written.entry().canonical());
            assertThat(read.get(i).prevChecksum()).isEqualTo(written.prevChecksum());
            assertThat(read.get(i).checksum()).isEqualTo(written.checksum());
            assertThat(read.get(i).tlogProof()).isEqualTo(rows.get(i).proof());
        }
        assertThat(read).extracting(row -> row.entry().resourceId()).contains("", null, "=HYPERLINK(\"x\",'1')");
    }

    @Test
    void shouldFailAChangedField() {
        List<ExportFixture.Row> rows = ExportFixture.replace(rows(), 17, "events-0", row -> new ExportFixture.Row(
                new ChainedEntry(changedType(row.stored().entry()), row.stored().prevChecksum(),
                        row.stored().checksum()),
                row.proof()));

        Result result = verify(rows);

        assertFails(result, "events-0", "checksum_mismatch seq=17");
        assertFails(result, "events-0", "inclusion_mismatch seq=17");
        assertThat(result.out()).contains("events-1 OK");
    }

    @Test
    void shouldFailAChangedSourceOffsetOfAFormat2Entry() {
        List<ExportFixture.Row> rows = ExportFixture.replace(rows(), 30, "events-0", row -> {
            AuditEntry e = row.stored().entry();
            AuditEntry moved = new AuditEntry(e.id(), e.eventId(), e.eventType(), e.source(), e.resourceType(),
                    e.resourceId(), e.projectId(), e.userId(), e.actorRole(), e.action(), e.changes(),
                    e.requestMetadata(), e.sensitivityLevel(), e.aggregateVersion(), e.occurredAt(), e.recordedAt(),
                    e.chainId(), e.seq(), new EntrySource(0, 7));
            return new ExportFixture.Row(new ChainedEntry(moved, row.stored().prevChecksum(), row.stored().checksum()),
                    row.proof());
        });

        assertFails(verify(rows), "events-0", "checksum_mismatch seq=30");
    }

    @Test
    void shouldFailADeletedRowOfAnUnfilteredExport() {
        List<ExportFixture.Row> rows = rows().stream()
                .filter(row -> !(row.stored().chainId().equals("events-1") && row.stored().seq() == 4)).toList();

        Result result = verify(rows);

        assertFails(result, "events-1", "gap seq=5");
        assertFails(result, "events-1", "broken_link seq=5");
    }

    @Test
    void shouldFailAHistoryRewrittenWithRecomputedChecksumsAgainstEitherCheckpointFormat() {
        // Whoever rewrites entry 5 and re-chains everything after it has no signing key: checkpoints give it away.
        List<ChainedEntry> rewritten = new ArrayList<>(chain0.subList(0, 4));
        String prev = rewritten.get(3).checksum();
        for (ChainedEntry entry : chain0.subList(4, chain0.size())) {
            ChainedEntry again = ChainedEntry.append(prev,
                    entry.seq() == 5 ? changedType(entry.entry()) : entry.entry());
            rewritten.add(again);
            prev = again.checksum();
        }
        List<ExportFixture.Row> rows = new ArrayList<>();
        List<ExportFixture.Row> original = ExportFixture.rows(chain0, proofNote0, 38);
        for (int i = 0; i < rewritten.size(); i++) {
            rows.add(new ExportFixture.Row(rewritten.get(i), original.get(i).proof()));
        }

        Result result = verify(rows, "--checkpoint", checkpointFile("head-12", fixture.headNote(chain0, 12,
                T0.plusSeconds(20))));

        assertFails(result, "events-0", "checkpoint_mismatch seq=12");
        assertFails(result, "events-0", "checkpoint_mismatch seq=38");
        assertFails(result, "events-0", "inclusion_mismatch seq=5");
        assertThat(result.err()).doesNotContain("checksum_mismatch").doesNotContain("broken_link");
    }

    @Test
    void shouldFailAnAlteredProofHash() {
        List<ExportFixture.Row> rows = ExportFixture.replace(rows(), 3, "events-1", row -> {
            TlogProof proof = TlogProof.parse(row.proof());
            List<byte[]> path = new ArrayList<>(proof.inclusionPath());
            byte[] first = path.get(0);
            first[0] ^= 1;
            path.set(0, first);
            return row.withProof(new TlogProof(proof.extra(), proof.index(), path, proof.checkpointNote()).format());
        });

        assertFails(verify(rows), "events-1", "inclusion_mismatch seq=3");
    }

    @Test
    void shouldFailAProofOfAnotherIndex() {
        List<ExportFixture.Row> rows = ExportFixture.replace(rows(), 3, "events-1", row -> {
            TlogProof proof = TlogProof.parse(row.proof());
            return row.withProof(new TlogProof(proof.extra(), 3, proof.inclusionPath(), proof.checkpointNote())
                    .format());
        });

        assertFails(verify(rows), "events-1", "proof_index seq=3");
    }

    @Test
    void shouldFailAProofWhoseCheckpointWasResignedWithAnotherKey() {
        String forged = fixture.cosign(fixture.otherLog.sign(io.pjctrl.contract.note.Checkpoint.parseBody(
                io.pjctrl.contract.tlog.SignedNote.parse(proofNote1).text())), T0.getEpochSecond());
        List<ExportFixture.Row> rows = ExportFixture.replace(rows(), 2, "events-1", row -> row.withProof(
                row.proof().replace(proofNote1, forged)));

        assertFails(verify(rows), "events-1", "unknown_key seq=2");
    }

    @Test
    void shouldFailACheckpointWhoseBodyWasAlteredAfterSigning() {
        String note = fixture.headNote(chain0, 12, T0.plusSeconds(20));
        String altered = note.replace("\n12\n", "\n11\n");

        assertFails(verify(rows(), "--checkpoint", checkpointFile("altered", altered)), "events-0",
                "bad_signature");
    }

    @Test
    void shouldFailAnAlteredCosignatureAndAMissingOneWhenTheQuorumNeedsIt() {
        String[] lines = proofNote1.split("\n");
        String cosignature = lines[lines.length - 1];
        char last = cosignature.charAt(cosignature.length() - 3);
        String altered = proofNote1.replace(cosignature, cosignature.substring(0, cosignature.length() - 3)
                + (last == 'A' ? 'B' : 'A') + cosignature.substring(cosignature.length() - 2));
        String uncosigned = proofNote1.replace(cosignature + "\n", "");

        assertFails(verify(ExportFixture.replace(rows(), 2, "events-1",
                row -> row.withProof(row.proof().replace(proofNote1, altered)))), "events-1", "bad_cosignature seq=2");
        assertFails(verify(ExportFixture.replace(rows(), 2, "events-1",
                row -> row.withProof(row.proof().replace(proofNote1, uncosigned)))), "events-1", "quorum_not_met");
        assertThat(verify(ExportFixture.replace(rows(), 2, "events-1",
                row -> row.withProof(row.proof().replace(proofNote1, uncosigned))), "--quorum", "0").exit()).isZero();
    }

    @Test
    void shouldFailAStrippedProof() {
        assertFails(verify(ExportFixture.replace(rows(), 20, "events-0", row -> row.withProof(null))), "events-0",
                "missing_proof seq=20");
    }

    @Test
    void shouldFailAProofOfAnotherChainsCheckpoint() {
        List<ExportFixture.Row> rows = ExportFixture.replace(rows(), 2, "events-1", row -> row.withProof(
                row.proof().replace(proofNote1, proofNote0)));

        assertFails(verify(rows), "events-1", "wrong_origin seq=2");
    }

    @Test
    void shouldFailATailTruncatedBelowAHeldCheckpoint() {
        List<ExportFixture.Row> rows = ExportFixture.rows(chain1.subList(0, 6), null, 0);
        String held = checkpointFile("root-9", proofNote1);

        assertFails(verify(rows, "--checkpoint", held), "events-1", "tail_truncated seq=9");
        // The same checkpoint may be newer than an export whose snapshot is older: inconclusive, not a failure.
        Result older = verify(rows, "--checkpoint", held, "--snapshot-time", "2026-11-28T09:01:30Z");
        assertThat(older.exit()).as(older.out()).isZero();
        assertThat(older.out()).contains("9:root-9=beyond_export").contains("inconclusive");
    }

    @Test
    void shouldFailACheckpointSignedOutsideTheKeysWindow() {
        Path file = ExportFixture.write(dir, "audit-logs-20261128T100000Z.ndjson", ExportFixture.ndjson(rows()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = VerifyExport.run(new String[]{"--key", fixture.log.verifierKey().encoded(), "--valid-until",
                "2026-11-28T08:00:00Z", "--quorum", "0", file.toString()}, new PrintStream(out, true),
                new PrintStream(err, true));

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("events-0 key_not_valid").contains("events-1 key_not_valid");
    }

    @Test
    void shouldFailTwoCheckpointsOfOneSizeWithDifferentRootsInAFilteredExport() {
        // A forked log: the same size, another tree, signed by the same key.
        List<ChainedEntry> fork = ExportFixture.chain("events-0", 0, 40, 10);
        String forkNote = fixture.rootNote(fork, 38, T0.plusSeconds(60));
        List<ExportFixture.Row> rows = new ArrayList<>();
        rows.add(ExportFixture.rows(chain0, proofNote0, 38).get(29));
        rows.add(ExportFixture.rows(fork, forkNote, 38).get(30));

        Result result = verify(rows, "--filtered");

        assertFails(result, "events-0", "inconsistent_checkpoints seq=38");
    }

    @Test
    void shouldVerifyAFilteredExportEntryByEntryWithoutClaimingCompleteness() {
        List<ExportFixture.Row> rows = rows().stream().filter(row -> row.stored().seq() % 3 == 0).toList();

        Result filtered = verify(rows, "--filtered");
        Result unfiltered = verify(rows);

        assertThat(filtered.exit()).as(filtered.out() + filtered.err()).isZero();
        assertThat(filtered.out()).contains("events-0 OK entries=13 seq=3..39 complete=no(filtered)")
                .contains("proofs=12/13").contains("38:proof=not_comparable");
        assertFails(unfiltered, "events-0", "gap seq=3");
        assertThat(unfiltered.err()).contains("run again with --filtered");
        assertThat(filtered.err()).doesNotContain("--filtered");
    }

    @Test
    void shouldVerifyAnArchivedSegmentThatStartsMidChainAndFailAGapInsideIt() {
        // A retention archive: events-0 seqs 21..30 only, every entry with its proof against the checkpoint of 38.
        List<ExportFixture.Row> segment = rows().stream()
                .filter(row -> row.stored().chainId().equals("events-0") && row.stored().seq() > 20
                        && row.stored().seq() <= 30)
                .toList();

        Result result = verify(segment, "--segment");
        Result whole = verify(segment);
        Result holed = verify(segment.stream().filter(row -> row.stored().seq() != 25).toList(), "--segment");

        assertThat(result.exit()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("events-0 OK entries=10 seq=21..30 complete=segment")
                .contains("proofs=10/10").contains("segment from seq 21 after prev_checksum " + chain0.get(19).checksum());
        assertFails(whole, "events-0", "gap seq=21");
        assertFails(holed, "events-0", "gap seq=26");
    }

    @Test
    void shouldStillFailATamperedEntryOfAFilteredExport() {
        List<ExportFixture.Row> rows = ExportFixture.replace(rows(), 9, "events-0", row -> new ExportFixture.Row(
                new ChainedEntry(changedType(row.stored().entry()), row.stored().prevChecksum(),
                        row.stored().checksum()),
                row.proof()))
                .stream().filter(row -> row.stored().seq() % 3 == 0).toList();

        assertFails(verify(rows, "--filtered"), "events-0", "checksum_mismatch seq=9");
    }

    @Test
    void shouldFailACellAlteredInTheCsvText() {
        String csv = ExportFixture.csv(rows());
        String altered = csv.replaceFirst("task\\.update", "task.delete");

        assertFails(verify("audit-logs-20261128T100000Z.csv", altered), "events-0", "checksum_mismatch seq=40");
    }

    @Test
    void shouldFailAnEntryFormatThatDisagreesWithItsSourceFields() {
        String ndjson = ExportFixture.ndjson(rows());
        String altered = ndjson.replaceFirst("\"entry_format\":2", "\"entry_format\":1");

        assertThat(altered).isNotEqualTo(ndjson);
        assertFails(verify("audit-logs-20261128T100000Z.ndjson", altered), "events-0", "malformed_entry");
    }

    @Test
    void shouldRefuseUnreadableInputAndBadUsageWithExitCode2() {
        assertThat(verify("x.ndjson", "not json\n").exit()).isEqualTo(2);
        assertThat(verify("x.csv", "\uFEFF" + ExportFixture.csv(rows())).exit()).isEqualTo(2);
        assertThat(verify("x.csv", "a,b\r\n1,2\r\n").exit()).isEqualTo(2);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(VerifyExport.run(new String[]{"--key", "nonsense", "x"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true))).isEqualTo(2);
        assertThat(VerifyExport.run(new String[]{}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true))).isEqualTo(2);
        assertThat(VerifyExport.run(new String[]{"--witness-key", fixture.log.verifierKey().encoded(), "x"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true))).isEqualTo(2);
        assertThat(VerifyExport.run(new String[]{"missing-file.ndjson"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true))).isEqualTo(2);
    }

    @Test
    void shouldHashFormat2EntriesWithTheirSourceInJcsOrder() {
        AuditEntry entry = chain0.get(20).entry();
        String canonical = entry.canonical();

        assertThat(canonical).isEqualTo(io.pjctrl.contract.chain.Jcs.canonicalize(canonical))
                .contains("\"source\":\"/pjctrl/project-service\",\"source_offset\":1021,\"source_partition\":0,"
                        + "\"user_id\"");
        assertThat(chain0.get(3).entry().canonical()).doesNotContain("source_offset");
        assertThat(Checksums.compute(chain0.get(19).checksum(), entry)).isEqualTo(chain0.get(20).checksum());
        assertThat(Stream.of(chain0.get(11), chain0.get(12)).map(e -> e.entry().entryFormat())).containsExactly(1, 2);
    }

    private static AuditEntry changedType(AuditEntry e) {
        return new AuditEntry(e.id(), e.eventId(), "task.delete", e.source(), e.resourceType(), e.resourceId(),
                e.projectId(), e.userId(), e.actorRole(), e.action(), e.changes(), e.requestMetadata(),
                e.sensitivityLevel(), e.aggregateVersion(), e.occurredAt(), e.recordedAt(), e.chainId(), e.seq(),
                e.entrySource());
    }
}
