package io.pjctrl.audit.tlog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.pjctrl.audit.log.AuditLogWriter;
import io.pjctrl.audit.sql.Rows;
import io.pjctrl.audit.tlog.TreeAppender.TileAppend;
import io.pjctrl.contract.tlog.CompactRange;
import io.pjctrl.contract.tlog.EntryBundle;
import io.pjctrl.contract.tlog.HashReader;
import io.pjctrl.contract.tlog.NodeId;
import io.pjctrl.contract.tlog.Rfc6962;
import io.pjctrl.contract.tlog.TileHashReader;
import io.pjctrl.contract.tlog.TileId;
import io.pjctrl.contract.tlog.TileMath;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The one owner of {@code audit_tlog_trees} and {@code audit_tlog_tiles} (V40): each chain's tree state and its C2SP
 * tiles. Writes happen inside the transaction that stores the entries (ingest) or catches a tree up with them
 * ({@link TreeBuilder}), always under the tree row's lock; reads serve tiles, bundles and proofs without ever
 * recomputing a tree.
 */
@ApplicationScoped
public class TlogRepository {

    private static final String TREE_COLUMNS = "chain_id, size, root, compact_range";
    private static final String LOCK = "SELECT " + TREE_COLUMNS
            + " FROM audit_tlog_trees WHERE chain_id = ANY($1::text[]) ORDER BY chain_id FOR UPDATE";

    /**
     * One statement, one round trip of the ingest transaction: new tile bytes go after the stored ones, and the trees
     * take their new states. The tile rows' widths before the append are returned so the caller can check they were
     * where the tree states say (a tile row out of step with its tree fails the transaction).
     */
    private static final String APPEND = """
            WITH tiles AS (
                INSERT INTO audit_tlog_tiles AS t (chain_id, level, tile_index, width, hashes)
                SELECT chain_id, level, tile_index, octet_length(hashes) / 32, hashes
                FROM unnest($1::text[], $2::int2[], $3::int8[], $4::bytea[]) AS n(chain_id, level, tile_index, hashes)
                ON CONFLICT (chain_id, level, tile_index) DO UPDATE
                    SET width = t.width + EXCLUDED.width, hashes = t.hashes || EXCLUDED.hashes
                RETURNING chain_id, level, tile_index, width
            ), trees AS (
                INSERT INTO audit_tlog_trees AS t (chain_id, size, root, compact_range, updated_at)
                SELECT chain_id, size, root, compact_range, $9
                FROM unnest($5::text[], $6::int8[], $7::bytea[], $8::bytea[]) AS n(chain_id, size, root, compact_range)
                ON CONFLICT (chain_id) DO UPDATE
                    SET size = EXCLUDED.size, root = EXCLUDED.root, compact_range = EXCLUDED.compact_range,
                        updated_at = EXCLUDED.updated_at
            )
            SELECT chain_id, level, tile_index, width FROM tiles
            """;
    private static final String TILE = "SELECT width, hashes FROM audit_tlog_tiles"
            + " WHERE chain_id = $1 AND level = $2 AND tile_index = $3";
    private static final String TILES = """
            SELECT t.level, t.tile_index, t.width, t.hashes
            FROM unnest($2::int2[], $3::int8[]) AS w(level, tile_index)
            JOIN audit_tlog_tiles t ON t.chain_id = $1 AND t.level = w.level AND t.tile_index = w.tile_index
            """;

    private final Pool pool;

    public TlogRepository(Pool pool) {
        this.pool = pool;
    }

    /** The tree of a chain as built so far; empty when nothing of the chain is in a tree yet. */
    public Uni<Optional<TreeState>> tree(String chainId) {
        return pool.preparedQuery("SELECT " + TREE_COLUMNS + " FROM audit_tlog_trees WHERE chain_id = $1")
                .execute(Tuple.of(chainId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(tree(rows.iterator().next())));
    }

    /** Every chain's tree, by chain id. */
    public Uni<List<TreeState>> trees() {
        return pool.query("SELECT " + TREE_COLUMNS + " FROM audit_tlog_trees ORDER BY chain_id")
                .execute()
                .map(rows -> Rows.list(rows, TlogRepository::tree));
    }

    /**
     * The hash tile {@code (level, index)} exactly {@code width} hashes wide (256: the full tile), as C2SP tlog-tiles
     * serves it; empty when the tree does not have it that wide yet.
     */
    public Uni<Optional<byte[]>> tile(String chainId, int level, long index, int width) {
        if (level < 0) {
            throw new IllegalArgumentException("hash tile level must be >= 0: " + level);
        }
        return prefix(chainId, level, index, width);
    }

    /**
     * The entry bundle {@code index} of {@code width} entries: each entry's leaf data (32 bytes) behind its
     * big-endian uint16 length, as C2SP tlog-tiles serves {@code tile/entries/<N>[.p/<W>]}.
     */
    public Uni<Optional<byte[]>> bundle(String chainId, long index, int width) {
        return prefix(chainId, TreeAppender.ENTRIES_LEVEL, index, width)
                .map(bytes -> bytes.map(TlogRepository::bundle));
    }

    /**
     * A synchronous reader of the given nodes of the chain's tree of {@code treeSize} leaves: the tiles they need are
     * read in one query first. For proofs: {@code ProofNodes.inclusion(i, n).read(reader)}.
     */
    public Uni<HashReader> hashReader(String chainId, long treeSize, List<NodeId> nodes) {
        List<TileId> wanted = TileHashReader.tilesFor(nodes, treeSize);
        if (wanted.isEmpty()) {
            return Uni.createFrom().item(new TileHashReader(treeSize, tiles -> new byte[0][]));
        }
        Short[] levels = wanted.stream().map(t -> (short) t.level()).toArray(Short[]::new);
        Long[] indexes = wanted.stream().map(TileId::index).toArray(Long[]::new);
        return pool.preparedQuery(TILES)
                .execute(Tuple.of(chainId, levels, indexes))
                .map(rows -> {
                    Map<String, byte[]> stored = new HashMap<>();
                    for (Row row : rows) {
                        stored.put(row.getShort("level") + "/" + row.getLong("tile_index"),
                                row.getBuffer("hashes").getBytes());
                    }
                    return new TileHashReader(treeSize, tiles -> read(chainId, tiles, stored));
                });
    }

    /** Locks the tree rows of {@code chainIds} for this transaction (in chain order) and returns the stored ones. */
    Uni<Map<String, TreeState>> lock(SqlClient transaction, String[] chainIds) {
        return transaction.preparedQuery(LOCK)
                .execute(Tuple.of(chainIds))
                .map(rows -> {
                    Map<String, TreeState> trees = new HashMap<>();
                    rows.forEach(row -> trees.put(row.getString("chain_id"), tree(row)));
                    return trees;
                });
    }

    /**
     * Writes what {@link TreeAppender} computed: the tile bytes and the new tree states, in the caller's transaction
     * (which holds the tree rows' locks).
     */
    Uni<Void> write(SqlClient transaction, List<TileAppend> tiles, List<TreeState> trees, Instant now) {
        if (trees.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = tiles.size();
        String[] chain = new String[n];
        Short[] level = new Short[n];
        Long[] index = new Long[n];
        Buffer[] hashes = new Buffer[n];
        Map<String, TileAppend> expected = new HashMap<>();
        for (int i = 0; i < n; i++) {
            TileAppend tile = tiles.get(i);
            chain[i] = tile.chainId();
            level[i] = (short) tile.level();
            index[i] = tile.index();
            hashes[i] = Buffer.buffer(tile.hashes());
            expected.put(tileKey(tile.chainId(), tile.level(), tile.index()), tile);
        }
        int m = trees.size();
        String[] treeChain = new String[m];
        Long[] size = new Long[m];
        Buffer[] root = new Buffer[m];
        Buffer[] range = new Buffer[m];
        for (int i = 0; i < m; i++) {
            TreeState tree = trees.get(i);
            treeChain[i] = tree.chainId();
            size[i] = tree.size();
            root[i] = Buffer.buffer(tree.root());
            range[i] = Buffer.buffer(tree.range().toBytes());
        }
        return transaction.preparedQuery(APPEND)
                .execute(Tuple.from(new Object[]{chain, level, index, hashes, treeChain, size, root, range,
                        AuditLogWriter.utc(now)}))
                .invoke(rows -> {
                    for (Row row : rows) {
                        TileAppend tile = expected.get(tileKey(row.getString("chain_id"), row.getShort("level"),
                                row.getLong("tile_index")));
                        if (row.getShort("width") != tile.start() + tile.count()) {
                            throw new IllegalStateException("tile " + tile.level() + "/" + tile.index() + " of "
                                    + tile.chainId() + " is " + row.getShort("width") + " wide after appending "
                                    + tile.count() + " hashes at " + tile.start() + ": tiles and tree state disagree");
                        }
                    }
                })
                .replaceWithVoid();
    }

    private Uni<Optional<byte[]>> prefix(String chainId, int level, long index, int width) {
        if (width < 1 || width > TileMath.WIDTH) {
            throw new IllegalArgumentException("tile width must be 1.." + TileMath.WIDTH + ": " + width);
        }
        return pool.preparedQuery(TILE)
                .execute(Tuple.of(chainId, (short) level, index))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    if (row.getShort("width") < width) {
                        return Optional.empty();
                    }
                    byte[] hashes = row.getBuffer("hashes").getBytes();
                    return Optional.of(Arrays.copyOf(hashes, width * Rfc6962.HASH_SIZE));
                });
    }

    private static byte[][] read(String chainId, List<TileId> tiles, Map<String, byte[]> stored) {
        byte[][] data = new byte[tiles.size()][];
        for (int i = 0; i < data.length; i++) {
            TileId tile = tiles.get(i);
            byte[] hashes = stored.get(tile.level() + "/" + tile.index());
            if (hashes == null || hashes.length < tile.byteLength()) {
                throw new IllegalStateException("tile " + tile + " of " + chainId + " is not stored that wide");
            }
            data[i] = Arrays.copyOf(hashes, tile.byteLength());
        }
        return data;
    }

    private static byte[] bundle(byte[] leafData) {
        List<byte[]> entries = new ArrayList<>(leafData.length / Rfc6962.HASH_SIZE);
        for (int at = 0; at < leafData.length; at += Rfc6962.HASH_SIZE) {
            entries.add(Arrays.copyOfRange(leafData, at, at + Rfc6962.HASH_SIZE));
        }
        return EntryBundle.format(entries);
    }

    private static TreeState tree(Row row) {
        CompactRange range = CompactRange.fromBytes(row.getBuffer("compact_range").getBytes());
        byte[] root = row.getBuffer("root").getBytes();
        return new TreeState(row.getString("chain_id"), row.getLong("size"), root, range);
    }

    private static String tileKey(String chainId, int level, long index) {
        return chainId + "\u0000" + level + "/" + index;
    }
}
