package io.pjctrl.contract.verifier;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.pjctrl.contract.chain.ChainMismatch;
import io.pjctrl.contract.chain.Checksums;
import io.pjctrl.contract.chain.NotCanonicalizableException;
import io.pjctrl.contract.tlog.InvalidProofException;
import io.pjctrl.contract.tlog.ProofVerifier;
import io.pjctrl.contract.tlog.Rfc6962;
import io.pjctrl.contract.tlog.RootMismatchException;
import io.pjctrl.contract.tlog.TlogProof;

/**
 * Verifies an export offline, with no service: feed it the export's rows ({@link ExportReader.Rows}) and the
 * checkpoint notes the auditor holds, then {@link #finish()} gives one {@link ChainReport} per chain.
 *
 * <p>
 * While reading, each row is checked on its own (its fields hash to its stored checksum with its stored
 * prev_checksum; its tlog_proof, if any, proves it at leaf {@code seq - 1} of a checkpoint signed by a trusted key
 * and cosigned by the quorum) and reduced to a few hashes ({@link ChainState}), so an export of millions of rows needs
 * about 300 bytes per row. At the end each chain is walked in seq order (links, gaps) and compared with every
 * checkpoint of it: the given ones and those its proofs name.
 */
final class OfflineVerifier implements ExportReader.Rows {

    private final TrustPolicy policy;
    private final NoteCheck notes;
    private final boolean filtered;
    private final boolean segment;
    private final Instant snapshot;
    private final Map<String, ChainState> chains = new TreeMap<>();
    private final Map<String, CheckedNote> proofNotes = new HashMap<>();
    private final List<Finding> orphans = new ArrayList<>();

    /**
     * @param filtered the export was made with a filter, so missing seqs are the filter's and completeness is not
     *        claimed
     * @param snapshot when the export's snapshot was taken (its file name's stamp), null when unknown
     */
    OfflineVerifier(TrustPolicy policy, boolean filtered, Instant snapshot) {
        this(policy, filtered, false, snapshot);
    }

    /** @param segment each chain's entries are one contiguous range that may start after seq 1 (an archive) */
    OfflineVerifier(TrustPolicy policy, boolean filtered, boolean segment, Instant snapshot) {
        this.policy = policy;
        this.notes = new NoteCheck(policy);
        this.filtered = filtered;
        this.segment = segment;
        this.snapshot = snapshot;
    }

    /** A checkpoint note the auditor holds (a file), for any chain under the trusted origin prefix. */
    void checkpoint(String note, String source) {
        CheckedNote checked = notes.check(note, source, null);
        if (checked.chainId().equals("?")) {
            orphans.add(checked.failure());
            return;
        }
        chain(checked.chainId()).heldCheckpoint(checked);
    }

    @Override
    public void row(ExportRow row) {
        ChainState chain = chain(row.entry().chainId());
        String canonical;
        try {
            canonical = row.entry().canonical();
        } catch (NotCanonicalizableException e) {
            malformed(row.line(), row.entry().chainId(), e.getMessage());
            return;
        }
        String prev = Checksums.isChecksum(row.prevChecksum()) ? row.prevChecksum() : Checksums.GENESIS;
        String computed = Checksums.compute(prev, canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        long seq = row.entry().seq();
        if (!computed.equals(row.checksum())) {
            chain.fail(new ChainMismatch.ChecksumMismatch(chain.id(), seq, row.checksum(), computed));
        }
        byte[] leafData = Rfc6962.leafData(canonical);
        if (row.tlogProof() != null) {
            proof(chain, seq, leafData, row.tlogProof());
        }
        chain.add(new ChainState.Fact(seq, row.entry().id(), hashOrNull(row.prevChecksum()),
                hashOrNull(row.checksum()), Checksums.toBytes(computed), leafData, row.tlogProof() != null,
                row.entry().entryFormat()));
    }

    @Override
    public void malformed(long line, String chainId, String why) {
        Finding finding = new Finding(chainId == null ? "?" : chainId, 0, "malformed_entry",
                "row " + line + ": " + why);
        if (chainId == null) {
            orphans.add(finding);
        } else {
            chain(chainId).fail(finding);
        }
    }

    /** Every chain's report, by chain id; chains named only by a failing note or row come first as "?". */
    List<ChainReport> finish() {
        List<ChainReport> reports = new ArrayList<>();
        if (!orphans.isEmpty()) {
            reports.add(new ChainReport("?", orphans, "not attributable to a chain"));
        }
        for (ChainState chain : chains.values()) {
            reports.add(chain.finish(filtered, segment, snapshot, policy.quorum()));
        }
        return reports;
    }

    private void proof(ChainState chain, long seq, byte[] leafData, String text) {
        TlogProof proof;
        try {
            proof = TlogProof.parse(text);
        } catch (IllegalArgumentException e) {
            chain.fail(new Finding(chain.id(), seq, "malformed_proof", e.getMessage()));
            return;
        }
        if (proof.index() != seq - 1) {
            chain.fail(new Finding(chain.id(), seq, "proof_index", "proof index " + proof.index()
                    + " but the entry with seq " + seq + " is leaf " + (seq - 1)));
            return;
        }
        CheckedNote note = proofNotes.computeIfAbsent(chain.id() + "\n" + proof.checkpointNote(),
                key -> notes.check(proof.checkpointNote(), "tlog_proof", chain.id()));
        if (!note.verified()) {
            Finding failure = note.failure();
            chain.fail(new Finding(chain.id(), seq, failure.kind(), failure.detail()));
            return;
        }
        chain.proofCheckpoint(note);
        try {
            ProofVerifier.verifyInclusion(proof.index(), note.size(), Rfc6962.hashLeaf(leafData),
                    proof.inclusionPath(), note.hash());
        } catch (RootMismatchException e) {
            chain.fail(new Finding(chain.id(), seq, "inclusion_mismatch", e.getMessage()));
        } catch (InvalidProofException e) {
            chain.fail(new Finding(chain.id(), seq, "invalid_proof", e.getMessage()));
        }
    }

    private ChainState chain(String chainId) {
        return chains.computeIfAbsent(chainId, ChainState::new);
    }

    private static byte[] hashOrNull(String checksum) {
        return Checksums.isChecksum(checksum) ? Checksums.toBytes(checksum) : null;
    }
}
