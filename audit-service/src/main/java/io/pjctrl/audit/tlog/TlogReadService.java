package io.pjctrl.audit.tlog;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.pjctrl.audit.AuditServiceConfig;
import io.pjctrl.audit.checkpoint.PublishedCheckpoint;
import io.pjctrl.audit.checkpoint.PublishedCheckpoints;
import io.pjctrl.audit.web.InvalidParameterException;
import io.pjctrl.audit.web.NotFoundProblem;
import io.pjctrl.contract.tlog.BundleId;
import io.pjctrl.contract.tlog.CompactRange;
import io.pjctrl.contract.tlog.HashReader;
import io.pjctrl.contract.tlog.NodeId;
import io.pjctrl.contract.tlog.ProofNodes;
import io.pjctrl.contract.tlog.Rfc6962;
import io.pjctrl.contract.tlog.TileId;
import io.smallrye.mutiny.Uni;

/**
 * What the public read API serves of a chain's Merkle log: the latest tlog-checkpoint, the log's vkey, tiles, entry
 * bundles and consistency proofs. Everything comes from stored tiles and checkpoints; nothing recomputes a tree from
 * its entries.
 */
@ApplicationScoped
public class TlogReadService {

    private final TlogRepository tlog;
    private final PublishedCheckpoints checkpoints;
    private final String originPrefix;

    public TlogReadService(TlogRepository tlog, PublishedCheckpoints checkpoints, AuditServiceConfig config) {
        this.tlog = tlog;
        this.checkpoints = checkpoints;
        this.originPrefix = config.checkpoint().originPrefix();
    }

    /** The latest format-2 checkpoint: note text, blank line, the log's signature, then every cosignature. */
    public Uni<String> checkpoint(String chainId) {
        return latest(chainId)
                .map(PublishedCheckpoint::note);
    }

    /** The vkey that verifies the chain's latest checkpoint. */
    public Uni<String> key(String chainId) {
        return latest(chainId)
                .chain(checkpoints::logKey)
                .map(key -> key.orElseThrow(() -> new NotFoundProblem("published signing key of chain", chainId))
                        .format());
    }

    /** Hash tile bytes, exactly 32 * width. */
    public Uni<byte[]> tile(String chainId, TileId tile) {
        return tlog.tile(chainId, tile.level(), tile.index(), tile.width())
                .chain(bytes -> found(bytes, chainId, tile.path()));
    }

    /** The entry bundle with its uint16 length prefixes. */
    public Uni<byte[]> bundle(String chainId, BundleId bundle) {
        return tlog.bundle(chainId, bundle.index(), bundle.width())
                .chain(bytes -> found(bytes, chainId, bundle.path()));
    }

    /**
     * The RFC 6962 consistency proof from size {@code oldSize} to {@code newSize} of the stored tree, with both
     * roots as the stored tiles give them. The roots are not signed: a verifier checks them against checkpoints it
     * holds.
     */
    public Uni<ConsistencyProofView> consistency(String chainId, long oldSize, long newSize) {
        if (oldSize < 0 || newSize < oldSize) {
            throw new InvalidParameterException("old_size", "needs 0 <= old_size <= new_size, got old_size " + oldSize
                    + " and new_size " + newSize);
        }
        return tree(chainId)
                .chain(tree -> {
                    if (newSize > tree.size()) {
                        throw new InvalidParameterException("new_size", "new_size " + newSize
                                + " is beyond the tree size " + tree.size() + " of " + chainId);
                    }
                    ProofNodes proof = oldSize == 0 ? null : ProofNodes.consistency(oldSize, newSize);
                    List<NodeId> nodes = new ArrayList<>(CompactRange.borderNodes(oldSize));
                    nodes.addAll(CompactRange.borderNodes(newSize));
                    if (proof != null) {
                        nodes.addAll(proof.ids());
                    }
                    return tlog.hashReader(chainId, tree.size(), nodes)
                            .map(reader -> view(chainId, oldSize, newSize, proof, reader));
                });
    }

    private ConsistencyProofView view(String chainId, long oldSize, long newSize, ProofNodes proof, HashReader reader) {
        Base64.Encoder base64 = Base64.getEncoder();
        List<String> hashes = proof == null
                ? List.of()
                : proof.read(reader).stream().map(base64::encodeToString).toList();
        return new ConsistencyProofView(chainId, originPrefix + "/" + chainId, oldSize, newSize,
                base64.encodeToString(root(oldSize, reader)), base64.encodeToString(root(newSize, reader)), hashes);
    }

    private static byte[] root(long size, HashReader reader) {
        return size == 0 ? Rfc6962.emptyRoot() : CompactRange.load(size, reader).root();
    }

    private Uni<PublishedCheckpoint> latest(String chainId) {
        return checkpoints.latest(chainId)
                .map(latest -> latest.orElseThrow(() -> new NotFoundProblem("tree-root checkpoint of chain", chainId)));
    }

    private Uni<TreeState> tree(String chainId) {
        return tlog.tree(chainId)
                .map(tree -> tree.orElseThrow(() -> new NotFoundProblem("chain", chainId)));
    }

    /** 404 either way; the detail says whether the chain or only the tile is unknown. */
    private Uni<byte[]> found(Optional<byte[]> bytes, String chainId, String path) {
        if (bytes.isPresent()) {
            return Uni.createFrom().item(bytes.get());
        }
        return tree(chainId)
                .map(tree -> {
                    throw new NotFoundProblem(path.startsWith("tile/entries/") ? "entry bundle" : "tile",
                            path + " of chain " + chainId + " (tree size " + tree.size() + ")");
                });
    }
}
