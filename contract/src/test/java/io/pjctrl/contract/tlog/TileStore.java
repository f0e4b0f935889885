package io.pjctrl.contract.tlog;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A test tile store written the way the service will write one: it keeps only the nodes at tile levels that
 * {@link CompactRange#append} visits, and serves a tile as the concatenation of its stored hashes.
 */
final class TileStore implements NodeVisitor, TileReader {

    private final Map<NodeId, byte[]> stored = new HashMap<>();
    private final Map<Long, byte[]> leafData = new HashMap<>();
    private final CompactRange range = CompactRange.empty();
    int tileReads;

    static TileStore ofSize(int size) {
        TileStore store = new TileStore();
        for (int i = 0; i < size; i++) {
            store.append(ReferenceTree.leafData(i));
        }
        return store;
    }

    void append(byte[] data) {
        leafData.put(range.size(), data);
        range.appendData(data, this);
    }

    CompactRange range() {
        return range;
    }

    int storedNodes() {
        return stored.size();
    }

    @Override
    public void visit(int level, long index, byte[] hash) {
        if (TileMath.isStoredLevel(level)) {
            stored.put(new NodeId(level, index), hash);
        }
    }

    @Override
    public byte[][] readTiles(List<TileId> tiles) {
        byte[][] data = new byte[tiles.size()][];
        for (int i = 0; i < data.length; i++) {
            data[i] = tile(tiles.get(i));
        }
        tileReads += tiles.size();
        return data;
    }

    byte[] tile(TileId tile) {
        byte[] data = new byte[tile.byteLength()];
        for (int i = 0; i < tile.width(); i++) {
            NodeId node = new NodeId(tile.level() * TileMath.HEIGHT, tile.index() * TileMath.WIDTH + i);
            byte[] hash = stored.get(node);
            if (hash == null) {
                throw new IllegalStateException("tile " + tile + " is not stored (no node " + node + ")");
            }
            System.arraycopy(hash, 0, data, i * Rfc6962.HASH_SIZE, Rfc6962.HASH_SIZE);
        }
        return data;
    }

    byte[] bundle(BundleId bundle) {
        java.util.List<byte[]> entries = new java.util.ArrayList<>();
        for (int i = 0; i < bundle.width(); i++) {
            entries.add(leafData.get(bundle.firstEntry() + i));
        }
        return EntryBundle.format(entries);
    }
}
