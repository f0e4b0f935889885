package io.pjctrl.audit.checkpoint;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The one owner of {@code audit_checkpoint_cosignatures}: stores a verified cosignature, tells the size a witness
 * last cosigned for a chain (the old size of the next add-checkpoint) and reads the cosignatures of checkpoints.
 */
@ApplicationScoped
public class CosignatureRepository {

    private static final String INSERT = """
            INSERT INTO audit_checkpoint_cosignatures
                (checkpoint_id, witness_name, witness_key_id, signature_line, cosigned_at, received_at)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT DO NOTHING
            """;
    private static final String LATEST_SIZE = """
            SELECT coalesce(max(c.seq), 0) FROM audit_checkpoint_cosignatures s
            JOIN audit_checkpoints c ON c.id = s.checkpoint_id
            WHERE c.chain_id = $1 AND s.witness_name = $2 AND s.witness_key_id = $3
            """;

    private final Pool pool;

    public CosignatureRepository(Pool pool) {
        this.pool = pool;
    }

    /** Stores a cosignature that verified; a second one of the same witness for the checkpoint is ignored. */
    public Uni<Void> insert(UUID checkpointId, String witnessName, String witnessKeyId, String signatureLine,
            Instant cosignedAt, Instant receivedAt) {
        return pool.preparedQuery(INSERT)
                .execute(Tuple.of(checkpointId, witnessName, witnessKeyId, signatureLine,
                        cosignedAt.atOffset(ZoneOffset.UTC), receivedAt.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** The largest checkpoint size of {@code chainId} the witness cosigned, 0 when none. */
    public Uni<Long> latestCosignedSize(String chainId, String witnessName, String witnessKeyId) {
        return pool.preparedQuery(LATEST_SIZE)
                .execute(Tuple.of(chainId, witnessName, witnessKeyId))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** The cosignatures of each checkpoint in {@code ids}, by witness name; checkpoints without any are absent. */
    public Uni<Map<UUID, List<CosignatureView>>> of(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery("SELECT " + CosignatureView.COLUMNS + " FROM audit_checkpoint_cosignatures"
                + " WHERE checkpoint_id = ANY($1) ORDER BY witness_name, witness_key_id")
                .execute(Tuple.of(ids.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, List<CosignatureView>> byCheckpoint = new HashMap<>();
                    for (Row row : rows) {
                        byCheckpoint.computeIfAbsent(row.getUUID("checkpoint_id"), id -> new ArrayList<>())
                                .add(CosignatureView.from(row));
                    }
                    return byCheckpoint;
                });
    }

    /** {@code checkpoints} with their cosignatures filled in, in the same order. */
    public Uni<List<CheckpointView>> attachTo(List<CheckpointView> checkpoints) {
        return of(checkpoints.stream().map(CheckpointView::id).toList())
                .map(lines -> checkpoints.stream()
                        .map(c -> c.withCosignatures(lines.getOrDefault(c.id(), List.of())))
                        .toList());
    }

    /** The cosignatures of one checkpoint. */
    public Uni<List<CosignatureView>> of(UUID checkpointId) {
        return of(List.of(checkpointId)).map(map -> map.getOrDefault(checkpointId, List.of()));
    }

    /** How many witnesses cosigned {@code checkpointId}. */
    public Uni<Integer> count(UUID checkpointId) {
        return pool.preparedQuery("SELECT count(*) FROM audit_checkpoint_cosignatures WHERE checkpoint_id = $1")
                .execute(Tuple.of(checkpointId))
                .map(rows -> rows.iterator().next().getInteger(0));
    }
}
