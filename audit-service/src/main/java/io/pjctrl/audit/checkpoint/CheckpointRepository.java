package io.pjctrl.audit.checkpoint;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pjctrl.audit.log.KeysetCursor;
import io.pjctrl.audit.sql.Rows;
import io.pjctrl.audit.sql.SqlWhere;
import io.pjctrl.contract.note.VerifierKey;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The one owner of {@code audit_checkpoints} and {@code audit_signing_keys}: storing a signed checkpoint and
 * registering a key; the reads for the checkpoint API (keyset paged), for the checkpoint schedule and for verify.
 */
@ApplicationScoped
public class CheckpointRepository {

    private static final String INSERT = """
            INSERT INTO audit_checkpoints (id, chain_id, seq, head_checksum, origin, key_id, signed_note, created_at,
                                           format, root_hash)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 2, $9)
            ON CONFLICT (chain_id, seq) DO NOTHING
            """;
    private static final String LAST = "SELECT seq, created_at FROM audit_checkpoints WHERE chain_id = $1 ORDER BY seq DESC LIMIT 1";
    private static final String REGISTER_KEY = """
            INSERT INTO audit_signing_keys (key_id, algorithm, public_key, valid_from, valid_until)
            VALUES ($1, 'Ed25519', $2, $3, $4)
            ON CONFLICT (key_id) DO UPDATE SET valid_until = EXCLUDED.valid_until
                WHERE audit_signing_keys.valid_until IS NULL AND EXCLUDED.valid_until IS NOT NULL
            """;

    private static final String STORED_COLUMNS = "id, chain_id, seq, head_checksum, origin, key_id, signed_note, format,"
            + " root_hash";

    /** The seq and time of a chain's latest checkpoint. */
    public record Latest(long seq, Instant at) {
    }

    private final Pool pool;

    public CheckpointRepository(Pool pool) {
        this.pool = pool;
    }

    /** The newest checkpoint of every chain, by chain id. */
    public Uni<List<CheckpointView>> latest() {
        return pool.query("SELECT DISTINCT ON (chain_id) " + CheckpointView.COLUMNS
                + " FROM audit_checkpoints ORDER BY chain_id, seq DESC")
                .execute()
                .map(rows -> Rows.list(rows, CheckpointView::from));
    }

    /** Newest first, of one chain (null: all), strictly after {@code after} (null: from the newest). */
    public Uni<List<CheckpointView>> page(String chainId, KeysetCursor after, int limit) {
        SqlWhere where = new SqlWhere();
        if (chainId != null) {
            where.and("chain_id = ?", chainId);
        }
        if (after != null) {
            where.and("(created_at, id) < (?, ?)", after.at().atOffset(ZoneOffset.UTC), after.id());
        }
        String sql = "SELECT " + CheckpointView.COLUMNS + " FROM audit_checkpoints" + where.clause()
                + " ORDER BY created_at DESC, id DESC LIMIT " + where.bind(limit);
        return pool.preparedQuery(sql)
                .execute(where.args())
                .map(rows -> Rows.list(rows, CheckpointView::from));
    }

    /** Every key that signs or signed checkpoints, newest first. */
    public Uni<List<SigningKeyView>> keys() {
        return pool.query("SELECT key_id, algorithm, public_key, valid_from, valid_until FROM audit_signing_keys"
                + " ORDER BY valid_from DESC, key_id")
                .execute()
                .map(rows -> Rows.list(rows, SigningKeyView::from));
    }

    /** Ids of the chains that have checkpoints, in order. */
    public Uni<List<String>> checkpointedChains() {
        return pool.query("SELECT DISTINCT chain_id FROM audit_checkpoints ORDER BY chain_id")
                .execute()
                .map(Rows::strings);
    }

    public Uni<Boolean> hasCheckpoints(String chainId) {
        return pool.preparedQuery("SELECT EXISTS (SELECT 1 FROM audit_checkpoints WHERE chain_id = $1)")
                .execute(Tuple.of(chainId))
                .map(Rows::singleBoolean);
    }

    /** The chain's stored checkpoints with {@code fromSeq <= seq <= toSeq}, in seq order. */
    public Uni<List<StoredCheckpoint>> checkpoints(String chainId, long fromSeq, long toSeq) {
        return pool.preparedQuery("SELECT " + STORED_COLUMNS
                + " FROM audit_checkpoints WHERE chain_id = $1 AND seq BETWEEN $2 AND $3 ORDER BY seq")
                .execute(Tuple.of(chainId, fromSeq, toSeq))
                .map(rows -> Rows.list(rows, CheckpointRepository::stored));
    }

    /** The chain's latest format-2 checkpoint (over its Merkle tree), the one the next must be consistent with. */
    public Uni<Optional<StoredCheckpoint>> latestTreeCheckpoint(String chainId) {
        return pool.preparedQuery("SELECT " + STORED_COLUMNS
                + " FROM audit_checkpoints WHERE chain_id = $1 AND format = 2 ORDER BY seq DESC LIMIT 1")
                .execute(Tuple.of(chainId))
                .map(rows -> rows.size() == 0
                        ? Optional.<StoredCheckpoint>empty()
                        : Optional.of(stored(rows.iterator().next())));
    }

    /** The latest format-2 checkpoint of every chain, for resubmission to the witnesses. */
    public Uni<List<StoredCheckpoint>> latestTreeCheckpoints() {
        return pool.query("SELECT DISTINCT ON (chain_id) " + STORED_COLUMNS
                + " FROM audit_checkpoints WHERE format = 2 ORDER BY chain_id, seq DESC")
                .execute()
                .map(rows -> Rows.list(rows, CheckpointRepository::stored));
    }

    private static StoredCheckpoint stored(Row r) {
        String root = r.getString("root_hash");
        return new StoredCheckpoint(r.getUUID("id"), r.getString("chain_id"), r.getLong("seq"),
                r.getString("head_checksum").trim(), r.getString("origin"), r.getString("key_id"),
                r.getString("signed_note"), r.getInteger("format"), root == null ? null : root.trim());
    }

    /** The published signing keys by key id; a malformed one is left out (the checkpoints it signed stay untrusted). */
    public Uni<Map<String, PublishedKey>> publishedKeys() {
        return pool.query("SELECT key_id, public_key, valid_from, valid_until FROM audit_signing_keys")
                .execute()
                .map(rows -> {
                    Map<String, PublishedKey> keys = new HashMap<>();
                    for (Row row : rows) {
                        try {
                            VerifierKey key = VerifierKey.parse(row.getString("public_key"));
                            keys.put(key.keyId(), new PublishedKey(key, row.getOffsetDateTime("valid_from").toInstant(),
                                    row.getOffsetDateTime("valid_until") == null
                                            ? null
                                            : row.getOffsetDateTime("valid_until").toInstant()));
                        } catch (IllegalArgumentException e) {
                            // An unparsable published key verifies nothing; the checkpoints it signed show as untrusted.
                            Log.warnf("Signing key %s in audit_signing_keys is malformed: %s", row.getString("key_id"),
                                    e.getMessage());
                        }
                    }
                    return keys;
                });
    }

    /**
     * Stores a signed format-2 checkpoint (its note's hash line is {@code rootHash}); false when one of that chain and
     * seq already exists (another replica signed it first), so the caller publishes only what it stored.
     */
    public Uni<Boolean> insert(UUID id, String chainId, long seq, String headChecksum, String rootHash, String origin,
            String keyId, String signedNote, Instant createdAt) {
        Object[] row = {id, chainId, seq, headChecksum, origin, keyId, signedNote, createdAt.atOffset(ZoneOffset.UTC),
                rootHash};
        return pool.preparedQuery(INSERT)
                .execute(Tuple.from(row))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The latest checkpoint of {@code chainId}, empty when it has none. */
    public Uni<Optional<Latest>> latestOf(String chainId) {
        return pool.preparedQuery(LAST)
                .execute(Tuple.of(chainId))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Optional.<Latest>empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new Latest(row.getLong("seq"), row.getOffsetDateTime("created_at").toInstant()));
                });
    }

    /**
     * Registers a public key with its validity window; an already registered key only gains a {@code valid_until}
     * (a rotation recorded later), never loses one or changes its start.
     */
    public Uni<Void> registerKey(VerifierKey key, Instant validFrom, Instant validUntil) {
        return pool.preparedQuery(REGISTER_KEY)
                .execute(Tuple.of(key.keyId(), key.encoded(), validFrom.atOffset(ZoneOffset.UTC),
                        validUntil == null ? null : validUntil.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }
}
