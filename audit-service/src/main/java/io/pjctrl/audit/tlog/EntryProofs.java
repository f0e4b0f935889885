package io.pjctrl.audit.tlog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pjctrl.audit.checkpoint.PublishedCheckpoint;
import io.pjctrl.audit.checkpoint.PublishedCheckpoints;
import io.pjctrl.audit.log.AuditLogRepository;
import io.pjctrl.audit.log.StoredEntry;
import io.pjctrl.audit.web.ConflictProblem;
import io.pjctrl.audit.web.NotFoundProblem;
import io.pjctrl.contract.tlog.HashReader;
import io.pjctrl.contract.tlog.NodeId;
import io.pjctrl.contract.tlog.ProofNodes;
import io.pjctrl.contract.tlog.TlogProof;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * C2SP tlog-proofs of entries (c2sp.org/tlog-proof@v1): the entry's leaf index ({@code seq - 1}), its RFC 6962
 * inclusion path in the tree of a checkpoint's size, read from stored tiles, and that checkpoint's signed note with
 * its cosignatures, so each entry can be verified offline on its own (a filtered export entry by entry).
 */
@ApplicationScoped
public class EntryProofs {

    private final TlogRepository tlog;
    private final AuditLogRepository log;
    private final PublishedCheckpoints checkpoints;

    public EntryProofs(TlogRepository tlog, AuditLogRepository log, PublishedCheckpoints checkpoints) {
        this.tlog = tlog;
        this.log = log;
        this.checkpoints = checkpoints;
    }

    /**
     * The proof of entry {@code id} against its chain's latest tree-root checkpoint; 404 for an unknown entry, 409
     * while no checkpoint covers it yet (the next one will).
     */
    public Uni<String> proofOf(UUID id) {
        return log.findById(id)
                .onItem().ifNull().failWith(() -> new NotFoundProblem("audit log entry", id))
                .chain(entry -> checkpoints.latest(entry.chainId())
                        .chain(latest -> {
                            if (latest.isEmpty() || !covers(latest.get(), entry)) {
                                throw new ConflictProblem("entry " + id + " (" + entry.chainId() + " seq " + entry.seq()
                                        + ") is not covered by a checkpoint yet"
                                        + latest.map(c -> " (the latest has size " + c.size() + ")").orElse("")
                                        + "; retry after the next checkpoint");
                            }
                            return proof(entry, latest.get());
                        }));
    }

    /** Whether {@code checkpoint} commits to {@code entry} (same chain, the entry within its size). */
    public static boolean covers(PublishedCheckpoint checkpoint, StoredEntry entry) {
        return checkpoint != null && checkpoint.chainId().equals(entry.chainId()) && entry.seq() <= checkpoint.size();
    }

    /** The tlog-proof text of {@code entry} against {@code checkpoint}, which must cover it. */
    public Uni<String> proof(StoredEntry entry, PublishedCheckpoint checkpoint) {
        return proofs(List.of(entry), Map.of(checkpoint.chainId(), checkpoint))
                .map(texts -> texts.get(0));
    }

    /**
     * The proof of each entry against the checkpoint of its chain in {@code checkpoints}, in entry order; null for an
     * entry no checkpoint covers. One tile query per chain for all the entries of that chain.
     */
    public Uni<List<String>> proofs(List<StoredEntry> entries, Map<String, PublishedCheckpoint> checkpoints) {
        Map<String, Set<NodeId>> nodesByChain = new LinkedHashMap<>();
        for (StoredEntry entry : entries) {
            PublishedCheckpoint checkpoint = checkpoints.get(entry.chainId());
            if (covers(checkpoint, entry)) {
                nodesByChain.computeIfAbsent(entry.chainId(), chain -> new LinkedHashSet<>())
                        .addAll(ProofNodes.inclusion(entry.seq() - 1, checkpoint.size()).ids());
            }
        }
        if (nodesByChain.isEmpty()) {
            return Uni.createFrom().item(Arrays.asList(new String[entries.size()]));
        }
        return Multi.createFrom().iterable(nodesByChain.entrySet())
                .onItem().transformToUniAndConcatenate(chain -> tlog.hashReader(chain.getKey(),
                        checkpoints.get(chain.getKey()).size(), List.copyOf(chain.getValue()))
                        .map(reader -> Map.entry(chain.getKey(), reader)))
                .collect().asMap(Map.Entry::getKey, Map.Entry::getValue)
                .map(readers -> format(entries, checkpoints, readers));
    }

    private static List<String> format(List<StoredEntry> entries, Map<String, PublishedCheckpoint> checkpoints,
            Map<String, HashReader> readers) {
        List<String> proofs = new ArrayList<>(entries.size());
        for (StoredEntry entry : entries) {
            PublishedCheckpoint checkpoint = checkpoints.get(entry.chainId());
            if (!covers(checkpoint, entry)) {
                proofs.add(null);
                continue;
            }
            long index = entry.seq() - 1;
            List<byte[]> path = ProofNodes.inclusion(index, checkpoint.size()).read(readers.get(entry.chainId()));
            proofs.add(new TlogProof(Optional.empty(), index, path, checkpoint.note()).format());
        }
        return proofs;
    }
}
