package io.pjctrl.audit.ingest;

import java.util.List;

import io.pjctrl.audit.alert.AlertRaised;
import io.pjctrl.audit.tlog.TreeState;
import io.pjctrl.contract.chain.ChainHead;
import io.pjctrl.contract.chain.ChainedEntry;

/**
 * What one committed batch stored: its entries, the events skipped as already stored, alerts, new chain heads, and
 * the chains' Merkle trees after it ({@code trees}; a chain whose tree lagged its entries is in {@code laggingTrees}
 * instead, for the {@link io.pjctrl.audit.tlog.TreeBuilder}).
 */
public record IngestResult(List<ChainedEntry> stored, int duplicates, List<AlertRaised> alerts, List<ChainHead> heads,
        List<TreeState> trees, List<String> laggingTrees) {

    static IngestResult empty(int duplicates) {
        return new IngestResult(List.of(), duplicates, List.of(), List.of(), List.of(), List.of());
    }
}
