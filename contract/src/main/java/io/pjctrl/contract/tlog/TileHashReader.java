package io.pjctrl.contract.tlog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link HashReader} over tiles of the tree of one size: each node is read from the tile that holds it (as wide as
 * that tree has it) and, if it lies between tile levels, rehashed from the tile's hashes. One tile read per call for
 * all the nodes it serves.
 *
 * <p>
 * Trusts the tiles: it does not check them against a signed root. That is fine for proofs, which the verifier
 * checks against its checkpoint anyway, and for the writer reading its own store; a client that uses tile hashes
 * for anything else must verify them first (rebuild the root from them and compare).
 */
public final class TileHashReader implements HashReader {

    private final long treeSize;
    private final TileReader tiles;

    public TileHashReader(long treeSize, TileReader tiles) {
        TreeMath.requireSize(treeSize, "tree size");
        this.treeSize = treeSize;
        this.tiles = tiles;
    }

    /**
     * The distinct tiles (as wide as the tree of {@code treeSize} has them) that hold {@code nodes}, in first-use
     * order: what a caller prefetches, e.g. asynchronously, before reading the nodes through a {@link TileReader}
     * over what it fetched.
     */
    public static List<TileId> tilesFor(List<NodeId> nodes, long treeSize) {
        Map<TileId, Boolean> tiles = new LinkedHashMap<>();
        nodes.forEach(node -> tiles.put(TileMath.locate(node, treeSize).tile(), Boolean.TRUE));
        return List.copyOf(tiles.keySet());
    }

    @Override
    public byte[][] readHashes(List<NodeId> nodes) {
        List<TileMath.NodeLocation> locations = new ArrayList<>(nodes.size());
        Map<TileId, Integer> wanted = new LinkedHashMap<>();
        for (NodeId node : nodes) {
            TileMath.NodeLocation location = TileMath.locate(node, treeSize);
            locations.add(location);
            wanted.putIfAbsent(location.tile(), wanted.size());
        }
        List<TileId> tileIds = List.copyOf(wanted.keySet());
        byte[][] data = tileIds.isEmpty() ? new byte[0][] : tiles.readTiles(tileIds);
        if (data.length != tileIds.size()) {
            throw new IllegalStateException("asked for " + tileIds.size() + " tiles, got " + data.length);
        }
        for (int i = 0; i < data.length; i++) {
            if (data[i] == null || data[i].length != tileIds.get(i).byteLength()) {
                throw new IllegalStateException("tile " + tileIds.get(i) + " must be " + tileIds.get(i).byteLength()
                        + " bytes, got " + (data[i] == null ? "none" : data[i].length));
            }
        }
        byte[][] hashes = new byte[nodes.size()][];
        for (int i = 0; i < hashes.length; i++) {
            TileMath.NodeLocation location = locations.get(i);
            hashes[i] = TileMath.hashFromTile(data[wanted.get(location.tile())], location.offset(), location.count());
        }
        return hashes;
    }
}
