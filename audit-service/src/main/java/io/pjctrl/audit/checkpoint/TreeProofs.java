package io.pjctrl.audit.checkpoint;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.pjctrl.audit.tlog.TlogRepository;
import io.pjctrl.contract.tlog.HashReader;
import io.pjctrl.contract.tlog.ProofNodes;
import io.smallrye.mutiny.Uni;

/** Consistency proofs of a chain's stored tree, read from its tiles (nothing is recomputed from entries). */
@ApplicationScoped
public class TreeProofs {

    private final TlogRepository tlog;

    public TreeProofs(TlogRepository tlog) {
        this.tlog = tlog;
    }

    /** The RFC 6962 consistency proof from size {@code from} (0 < from <= to) to size {@code to}. */
    public Uni<List<byte[]>> consistency(String chainId, long from, long to) {
        ProofNodes nodes = ProofNodes.consistency(from, to);
        return reader(chainId, from, to).map(nodes::read);
    }

    /** A reader of the nodes the consistency proof from {@code from} to {@code to} needs. */
    public Uni<HashReader> reader(String chainId, long from, long to) {
        return tlog.hashReader(chainId, to, ProofNodes.consistency(from, to).ids());
    }
}
