package io.pjctrl.contract.tlog;

import java.util.List;

/** Reads tiles from storage (the service: its tile table; a client: HTTP {@code GET <prefix>/<tile path>}). */
@FunctionalInterface
public interface TileReader {

    /**
     * The data of {@code tiles}, in the same order, each exactly {@code tile.byteLength()} bytes. A tile that is not
     * stored throws {@link IllegalStateException} naming it.
     */
    byte[][] readTiles(List<TileId> tiles);
}
