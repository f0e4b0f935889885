package io.pjctrl.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import io.pjctrl.contract.tlog.CompactRange;
import io.pjctrl.contract.tlog.Rfc6962;
import io.pjctrl.contract.tlog.TileAppender;
import io.pjctrl.contract.tlog.TileMath;

/**
 * The Merkle trees of the dataset, built as the ingest builds them (contract's {@link TileAppender}, leaf data =
 * SHA-256 of each entry's canonical form) and loaded with COPY into audit_tlog_tiles and audit_tlog_trees: a full
 * tile is written as soon as it is complete, so memory holds only each chain's right-edge tiles.
 */
final class DatasetTiles implements AutoCloseable {

    private static final HexFormat HEX = HexFormat.of();

    private final Connection db;
    private final CopyIn copy;
    private final CopyRows line = new CopyRows();
    private final StringBuilder chunk = new StringBuilder(1 << 20);
    private final Map<String, CompactRange> ranges = new LinkedHashMap<>();
    private final Map<String, ByteArrayOutputStream> open = new HashMap<>();
    private long tilesWritten;

    DatasetTiles(Connection db) throws SQLException {
        this.db = db;
        this.copy = db.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY audit_tlog_tiles (chain_id, level, tile_index, width, hashes) FROM STDIN");
    }

    void add(String chainId, byte[] leafData) throws SQLException {
        CompactRange range = ranges.computeIfAbsent(chainId, id -> CompactRange.empty());
        TileAppender.Result appended = TileAppender.append(range, List.of(leafData));
        ranges.put(chainId, appended.range());
        for (TileAppender.TileBytes tile : appended.tiles()) {
            String key = chainId + "/" + tile.level() + "/" + tile.index();
            ByteArrayOutputStream bytes = open.computeIfAbsent(key, k -> new ByteArrayOutputStream(256 * 32));
            bytes.writeBytes(tile.hashes());
            if (bytes.size() == TileMath.WIDTH * Rfc6962.HASH_SIZE) {
                row(chainId, tile.level(), tile.index(), bytes.toByteArray());
                open.remove(key);
            }
        }
    }

    /** Writes the partial right-edge tiles and each chain's tree state; returns the number of tiles. */
    long finish() throws SQLException {
        for (Map.Entry<String, ByteArrayOutputStream> tile : open.entrySet()) {
            String[] key = tile.getKey().split("/");
            row(key[0], Integer.parseInt(key[1]), Long.parseLong(key[2]), tile.getValue().toByteArray());
        }
        flush();
        copy.endCopy();
        CopyIn trees = db.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY audit_tlog_trees (chain_id, size, root, compact_range, updated_at) FROM STDIN");
        StringBuilder rows = new StringBuilder();
        ranges.forEach((chainId, range) -> rows.append(line.add(chainId).add(range.size()).add(bytea(range.root()))
                .add(bytea(range.toBytes())).add("now").end()));
        byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
        trees.writeToCopy(bytes, 0, bytes.length);
        trees.endCopy();
        return tilesWritten;
    }

    private void row(String chainId, int level, long index, byte[] hashes) throws SQLException {
        chunk.append(line.add(chainId).add(level).add(index).add(hashes.length / Rfc6962.HASH_SIZE).add(bytea(hashes))
                .end());
        tilesWritten++;
        if (chunk.length() > (1 << 20) - 20_000) {
            flush();
        }
    }

    private void flush() throws SQLException {
        byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        chunk.setLength(0);
    }

    /** bytea in COPY text: the hex form {@code \x...} (CopyRows escapes the backslash). */
    private static String bytea(byte[] value) {
        return "\\x" + HEX.formatHex(value);
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
