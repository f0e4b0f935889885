package io.pjctrl.audit.checkpoint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.pjctrl.contract.tlog.InvalidSignatureException;
import io.pjctrl.contract.tlog.NoteSignature;
import io.pjctrl.contract.tlog.NoteSigning;
import io.pjctrl.contract.tlog.SignedNote;
import io.pjctrl.contract.tlog.VerifierKey;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads the latest format-2 checkpoint of a chain (or of every chain) with its cosignatures: what
 * {@code GET /tlog/<chain>/checkpoint}, the entry proofs and the proof export name. Format-1 checkpoints (the chain
 * head checksum as third line, before V40) are not tlog-checkpoints and are never served here.
 */
@ApplicationScoped
public class PublishedCheckpoints {

    private static final String LATEST = "SELECT DISTINCT ON (chain_id) id, chain_id, seq, root_hash, key_id, signed_note"
            + " FROM audit_checkpoints WHERE format = 2";
    private static final String ORDER = " ORDER BY chain_id, seq DESC";

    private final Pool pool;
    private final CheckpointRepository checkpoints;
    private final CosignatureRepository cosignatures;

    public PublishedCheckpoints(Pool pool, CheckpointRepository checkpoints, CosignatureRepository cosignatures) {
        this.pool = pool;
        this.checkpoints = checkpoints;
        this.cosignatures = cosignatures;
    }

    public Uni<Optional<PublishedCheckpoint>> latest(String chainId) {
        return pool.preparedQuery(LATEST + " AND chain_id = $1" + ORDER)
                .execute(Tuple.of(chainId))
                .map(PublishedCheckpoints::byChain)
                .chain(this::cosigned)
                .map(latest -> Optional.ofNullable(latest.get(chainId)));
    }

    /** The latest of every chain that has one, by chain id. */
    public Uni<Map<String, PublishedCheckpoint>> latestOfEveryChain() {
        return pool.query(LATEST + ORDER)
                .execute()
                .map(PublishedCheckpoints::byChain)
                .chain(this::cosigned);
    }

    /** Each checkpoint with every cosignature stored for it (audit_checkpoint_cosignatures). */
    private Uni<Map<String, PublishedCheckpoint>> cosigned(Map<String, PublishedCheckpoint> latest) {
        return cosignatures.of(latest.values().stream().map(PublishedCheckpoint::id).toList())
                .map(lines -> {
                    Map<String, PublishedCheckpoint> withLines = new LinkedHashMap<>();
                    latest.forEach((chain, checkpoint) -> withLines.put(chain,
                            checkpoint.withCosignatures(lines.getOrDefault(checkpoint.id(), List.of()))));
                    return withLines;
                });
    }

    private static Map<String, PublishedCheckpoint> byChain(RowSet<Row> rows) {
        Map<String, PublishedCheckpoint> latest = new LinkedHashMap<>();
        rows.forEach(row -> latest.put(row.getString("chain_id"), from(row)));
        return latest;
    }

    private static PublishedCheckpoint from(Row row) {
        return new PublishedCheckpoint(row.getUUID("id"), row.getString("chain_id"), row.getLong("seq"),
                PublishedCheckpoint.root(row.getString("root_hash")), row.getString("key_id"),
                row.getString("signed_note"));
    }

    /**
     * The vkey (type 0x01) of the published signing key whose signature on {@code checkpoint} verifies: the key a
     * tlog-tiles client is configured with for this chain. Matched by signature, not by the stored key id, so it is
     * right whatever key name the log signs under. Empty when no published key verifies it.
     */
    public Uni<Optional<VerifierKey>> logKey(PublishedCheckpoint checkpoint) {
        SignedNote note = SignedNote.parse(checkpoint.note());
        return checkpoints.publishedKeys()
                .map(keys -> keys.values().stream()
                        .flatMap(key -> note.signatures().stream()
                                .map(line -> VerifierKey.of(line.keyName(), VerifierKey.TYPE_ED25519,
                                        key.key().publicKey()))
                                .filter(vkey -> verifies(vkey, note)))
                        .findFirst());
    }

    private static boolean verifies(VerifierKey key, SignedNote note) {
        for (NoteSignature line : note.signaturesBy(key)) {
            try {
                NoteSigning.verify(key, note.text(), line);
                return true;
            } catch (InvalidSignatureException e) {
                // another line by the same name and id may verify; a forged one is simply not this key's
            }
        }
        return false;
    }
}
