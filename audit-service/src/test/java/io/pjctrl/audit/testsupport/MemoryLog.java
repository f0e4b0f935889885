package io.pjctrl.audit.testsupport;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.pjctrl.contract.chain.Vectors;
import io.pjctrl.contract.note.Checkpoint;
import io.pjctrl.contract.note.NoteSigner;
import io.pjctrl.contract.tlog.CompactRange;
import io.pjctrl.contract.tlog.HashReader;
import io.pjctrl.contract.tlog.NodeId;
import io.pjctrl.contract.tlog.ProofNodes;
import io.pjctrl.contract.tlog.VerifierKey;

/**
 * An RFC 6962 log in memory signed with the test checkpoint key, to drive a witness without the service: every node
 * hash the compact range completes is kept, so proofs are read as the service reads them from tiles.
 */
public final class MemoryLog {

    public static final String KEY_NAME = "pjctrl-audit-test";
    public static final NoteSigner SIGNER = NoteSigner.fromPem(KEY_NAME,
            Vectors.resource("pjctrl-test-keys/checkpoint-private.pem"));

    private final String origin;
    private final long salt;
    private final CompactRange range = CompactRange.empty();
    private final Map<NodeId, byte[]> nodes = new HashMap<>();

    /** A log whose leaf {@code i} is {@code salt || i}: two salts give two inconsistent logs. */
    public MemoryLog(String origin, long salt) {
        this.origin = origin;
        this.salt = salt;
    }

    /** The test checkpoint key as a tlog vkey (type 0x01), what a witness trusts. */
    public static VerifierKey logKey() {
        return VerifierKey.parse(SIGNER.verifierKey().encoded());
    }

    public MemoryLog growTo(long size) {
        while (range.size() < size) {
            range.appendData(ByteBuffer.allocate(16).putLong(salt).putLong(range.size()).array(),
                    (level, index, hash) -> nodes.put(new NodeId(level, index), hash));
        }
        return this;
    }

    public long size() {
        return range.size();
    }

    /** The signed note of the current tree, in the service's format-2 layout. */
    public String signedNote() {
        return SIGNER.sign(new Checkpoint(origin, range.size(), HexFormat.of().formatHex(range.root()), Instant.now()));
    }

    /** The consistency proof from {@code oldSize} to the current size. */
    public List<byte[]> proofFrom(long oldSize) {
        return ProofNodes.consistency(oldSize, range.size()).read(reader());
    }

    public HashReader reader() {
        return ids -> ids.stream().map(id -> {
            byte[] hash = nodes.get(id);
            if (hash == null) {
                throw new IllegalStateException("no node " + id);
            }
            return hash;
        }).toArray(byte[][]::new);
    }
}
