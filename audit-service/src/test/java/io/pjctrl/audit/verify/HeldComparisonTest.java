package io.pjctrl.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.pjctrl.contract.tlog.Checkpoint;
import io.pjctrl.contract.tlog.CompactRange;
import io.pjctrl.contract.tlog.InconsistentCheckpoint;
import io.pjctrl.contract.tlog.NodeVisitor;
import io.pjctrl.contract.tlog.NoteSignature;
import io.pjctrl.contract.tlog.Rfc6962;
import io.pjctrl.contract.tlog.SignedNote;

/** The comparison of held checkpoints with the tree the entries give, over a tree of leaves {@code {"seq":n}}. */
class HeldComparisonTest {

    private static final String ORIGIN = "pjctrl-audit/events-0";

    @Test
    void shouldAcceptANoteWhoseHashIsTheRootOrTheHeadChecksumAtItsSize() {
        Walk walk = new Walk(10, 0);
        List<VerifyFailure> failures = new ArrayList<>();
        Map<String, List<HeldNote>> held = new LinkedHashMap<>();
        held.put("held_checkpoints[0]", List.of(note("held_checkpoints[0]", 7, walk.rootAt(7))));
        held.put("topic", List.of(note("topic", 4, HexFormat.of().parseHex(walk.headAt(4)))));

        List<OutsideCheck> checks = new HeldComparison("events-0", 10).compare(held, walk, n -> Optional.empty(), failures);

        assertThat(failures).isEmpty();
        assertThat(checks).extracting(OutsideCheck::status).containsOnly(OutsideCheck.CONSISTENT);
    }

    @Test
    void shouldReportTheRootTheEntriesGiveWhenItDiffersFromTheHeldOne() {
        Walk original = new Walk(10, 0);
        Walk rewritten = new Walk(10, 5);
        List<VerifyFailure> failures = new ArrayList<>();

        List<OutsideCheck> checks = new HeldComparison("events-0", 10).compare(
                Map.of("topic", List.of(note("topic", 3, original.rootAt(3)), note("topic", 8, original.rootAt(8)))),
                rewritten, n -> Optional.empty(), failures);

        assertThat(failures).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo("inconsistent_checkpoint");
            assertThat(f.source()).isEqualTo("topic");
            assertThat(f.seq()).isEqualTo(8);
            assertThat(f.expected()).isEqualTo(b64(original.rootAt(8)));
            assertThat(f.computed()).isEqualTo(b64(rewritten.rootAt(8)));
            assertThat(f.treeSize()).isEqualTo(10);
        });
        assertThat(checks).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(OutsideCheck.INCONSISTENT);
            assertThat(c.checkpoints()).isEqualTo(2);
            assertThat(c.size()).isEqualTo(8);
        });
    }

    @Test
    void shouldReportEntriesRemovedBelowAHeldSize() {
        Walk original = new Walk(10, 0);
        List<VerifyFailure> failures = new ArrayList<>();

        new HeldComparison("events-0", 10).compare(Map.of("witness w", List.of(note("witness w", 10, original.rootAt(10)))),
                new Walk(6, 0), n -> Optional.empty(), failures);

        assertThat(failures).singleElement().satisfies(f -> {
            assertThat(f.computed()).isNull();
            assertThat(f.detail()).contains("entries were removed");
        });
    }

    @Test
    void shouldReportWhatTheStoredTreeGivesForTheLargestNoteOfASource() {
        Walk walk = new Walk(10, 0);
        HeldNote held = note("held_checkpoints[0]", 9, walk.rootAt(9));
        InconsistentCheckpoint evidence = new InconsistentCheckpoint(InconsistentCheckpoint.Kind.ROOT_DIFFERS, ORIGIN, 9,
                walk.rootAt(9), 10, walk.rootAt(5));
        List<VerifyFailure> failures = new ArrayList<>();

        new HeldComparison("events-0", 10).compare(Map.of(held.source(), List.of(held)), walk,
                n -> n == held ? Optional.of(evidence) : Optional.empty(), failures);

        assertThat(failures).singleElement().satisfies(f -> {
            assertThat(f.computed()).isEqualTo(b64(walk.rootAt(5)));
            assertThat(f.detail()).contains("stored tree");
        });
    }

    private static HeldNote note(String source, long size, byte[] hash) {
        Checkpoint checkpoint = new Checkpoint(ORIGIN, size, hash, List.of("time 2026-12-01T12:00:00.000000Z"));
        SignedNote note = new SignedNote(checkpoint.format(), List.of(new NoteSignature("pjctrl-audit-test", 1, new byte[64])));
        return new HeldNote(source, note, checkpoint);
    }

    private static String b64(byte[] hash) {
        return Base64.getEncoder().encodeToString(hash);
    }

    /** A walk from seq 1 over {@code size} entries; entry {@code changed} (0: none) has other contents. */
    private static final class Walk implements HeldComparison.Walked {

        private final Map<Long, byte[]> roots = new HashMap<>();
        private final Map<Long, String> heads = new HashMap<>();
        private final long size;

        Walk(long size, long changed) {
            this.size = size;
            CompactRange range = CompactRange.empty();
            String head = "0".repeat(64);
            for (long seq = 1; seq <= size; seq++) {
                String canonical = "{\"seq\":" + seq + (seq == changed ? ",\"x\":1" : "") + "}";
                range.append(Rfc6962.entryLeafHash(canonical), NodeVisitor.NONE);
                roots.put(seq, range.root());
                head = HexFormat.of().formatHex(Rfc6962.leafData(head + canonical));
                heads.put(seq, head);
            }
        }

        @Override
        public String headAt(long seq) {
            return heads.get(seq);
        }

        @Override
        public byte[] rootAt(long at) {
            return roots.get(at);
        }

        @Override
        public boolean covers(long at) {
            return true;
        }
    }
}
