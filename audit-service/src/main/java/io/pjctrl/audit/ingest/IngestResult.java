package io.pjctrl.audit.ingest;

import java.util.List;

import io.pjctrl.audit.alert.AlertRaised;
import io.pjctrl.contract.chain.ChainHead;
import io.pjctrl.contract.chain.ChainedEntry;

/** What one committed batch stored: its entries, the events skipped as already stored, alerts, new chain heads. */
public record IngestResult(List<ChainedEntry> stored, int duplicates, List<AlertRaised> alerts, List<ChainHead> heads) {

    static IngestResult empty(int duplicates) {
        return new IngestResult(List.of(), duplicates, List.of(), List.of());
    }
}
