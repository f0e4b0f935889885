package io.pjctrl.contract.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class ChainVerifierTest {

    private static final String CHAIN = "events-0";

    @Test
    void shouldAcceptASoundChain() {
        assertThat(ChainVerifier.verify(CHAIN, chain(5))).isEmpty();
    }

    @Test
    void shouldReportAlteredFieldAsChecksumMismatchWithEvidence() {
        List<ChainedEntry> entries = chain(4);
        ChainedEntry original = entries.get(2);
        AuditEntry altered = withSensitivity(original.entry(), "low");
        entries.set(2, new ChainedEntry(altered, original.prevChecksum(), original.checksum()));

        List<ChainMismatch> found = ChainVerifier.verify(CHAIN, entries);

        assertThat(found).containsExactly(new ChainMismatch.ChecksumMismatch(CHAIN, 3, original.checksum(),
                Checksums.compute(original.prevChecksum(), altered)));
        assertThat(found.get(0).kind()).isEqualTo("checksum_mismatch");
    }

    @Test
    void shouldReportRewrittenEntryWithRecomputedChecksumAsBrokenLink() {
        List<ChainedEntry> entries = chain(4);
        ChainedEntry original = entries.get(1);
        ChainedEntry rewritten = ChainedEntry.append(original.prevChecksum(), withSensitivity(original.entry(), "low"));
        entries.set(1, rewritten);

        List<ChainMismatch> found = ChainVerifier.verify(CHAIN, entries);

        assertThat(found).containsExactly(new ChainMismatch.BrokenLink(CHAIN, 3, rewritten.checksum(),
                original.checksum()));
        assertThat(found.get(0).kind()).isEqualTo("broken_link");
    }

    @Test
    void shouldReportMissingEntryAsGapAndBrokenLink() {
        List<ChainedEntry> entries = chain(4);
        ChainedEntry removed = entries.remove(1);

        List<ChainMismatch> found = ChainVerifier.verify(CHAIN, entries);

        assertThat(found).containsExactly(new ChainMismatch.Gap(CHAIN, 3, 2),
                new ChainMismatch.BrokenLink(CHAIN, 3, entries.get(0).checksum(), removed.checksum()));
    }

    @Test
    void shouldRequireGenesisAtSeqOne() {
        AuditEntry first = entry(1);
        String notGenesis = "1".repeat(64);
        ChainedEntry stored = ChainedEntry.append(notGenesis, first);

        assertThat(ChainVerifier.verify(CHAIN, List.of(stored)))
                .containsExactly(new ChainMismatch.BrokenLink(CHAIN, 1, Checksums.GENESIS, notGenesis));
    }

    @Test
    void shouldResumeAfterATrustedPosition() {
        List<ChainedEntry> entries = chain(6);
        ChainVerifier walker = ChainVerifier.after(CHAIN, 3, entries.get(2).checksum());

        entries.subList(3, 6).forEach(e -> assertThat(walker.next(e)).isEmpty());
        assertThat(walker.lastSeq()).isEqualTo(6);
        assertThat(walker.headChecksum()).isEqualTo(entries.get(5).checksum());
    }

    static List<ChainedEntry> chain(int length) {
        List<ChainedEntry> entries = new ArrayList<>();
        String prev = Checksums.GENESIS;
        for (int seq = 1; seq <= length; seq++) {
            ChainedEntry stored = ChainedEntry.append(prev, entry(seq));
            entries.add(stored);
            prev = stored.checksum();
        }
        return entries;
    }

    static AuditEntry entry(long seq) {
        Instant at = Instant.parse("2026-11-28T10:00:00.123456Z").plusSeconds(seq);
        return new AuditEntry(UUID.randomUUID(), UUID.randomUUID(), "task.update", "/pjctrl/project-service", "task",
                UUID.randomUUID().toString(), UUID.randomUUID(), UUID.randomUUID(), "member", "update",
                CanonicalJson.parse("{\"status\":{\"old\":\"todo\",\"new\":\"done\"}}"),
                CanonicalJson.parse("{\"ip\":null,\"user_agent\":null,\"request_id\":null,\"trace_id\":null}"), "high", seq,
                at, at, CHAIN, seq);
    }

    private static AuditEntry withSensitivity(AuditEntry e, String sensitivity) {
        return new AuditEntry(e.id(), e.eventId(), e.eventType(), e.source(), e.resourceType(), e.resourceId(),
                e.projectId(), e.userId(), e.actorRole(), e.action(), e.changes(), e.requestMetadata(), sensitivity,
                e.aggregateVersion(), e.occurredAt(), e.recordedAt(), e.chainId(), e.seq());
    }
}
