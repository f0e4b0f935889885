package io.pjctrl.contract.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class TileTest {

    private static final int SIZE = 70_000;
    private static TileStore store;
    private static ReferenceTree reference;

    @BeforeAll
    static void buildTree() {
        store = TileStore.ofSize(SIZE);
        reference = ReferenceTree.ofSize(SIZE);
    }

    @Test
    void shouldFormatAndParseThePublishedTilePaths() {
        for (JsonNode vector : Vectors.load("tile-paths.json").get("tiles")) {
            TileId tile = new TileId(vector.get("level").asInt(), vector.get("index").asLong(),
                    vector.get("width").asInt());
            String path = vector.get("path").asText();
            assertThat(tile.path()).as(vector.get("desc").asText()).isEqualTo(path);
            assertThat(TilePaths.parseTile(path)).as(vector.get("desc").asText()).isEqualTo(tile);
        }
    }

    @Test
    void shouldFormatAndParseThePublishedBundlePaths() {
        JsonNode vectors = Vectors.load("tile-paths.json");
        for (JsonNode vector : vectors.get("bundles")) {
            BundleId bundle = new BundleId(vector.get("index").asLong(), vector.get("width").asInt());
            assertThat(bundle.path()).as(vector.get("desc").asText()).isEqualTo(vector.get("path").asText());
            assertThat(TilePaths.parseBundle(vector.get("path").asText())).isEqualTo(bundle);
        }
        for (JsonNode vector : vectors.get("bundlesForEntry")) {
            assertThat(TileMath.bundleOfEntry(vector.get("entry").asLong(), vector.get("treeSize").asLong()).path())
                    .as("entry %s of size %s", vector.get("entry"), vector.get("treeSize"))
                    .isEqualTo(vector.get("path").asText());
        }
    }

    @Test
    void shouldRefuseEveryInvalidPath() {
        for (JsonNode vector : Vectors.load("tile-paths.json").get("invalid")) {
            String path = vector.get("path").asText();
            assertThatThrownBy(() -> TilePaths.parseTile(path)).as(vector.get("desc").asText())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad tile path");
            String bundlePath = path.replaceFirst("^tile/[^/]*/", "tile/entries/");
            if (!bundlePath.equals(path) && !vector.get("desc").asText().contains("level")) {
                assertThatThrownBy(() -> TilePaths.parseBundle(bundlePath)).as(bundlePath)
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    @Test
    void shouldRoundTripRandomTileAndBundlePaths() {
        Random random = new Random(15);
        for (int i = 0; i < 5_000; i++) {
            long index = random.nextInt(4) == 0 ? random.nextInt(1000) : random.nextLong() >>> (1 + random.nextInt(63));
            int width = 1 + random.nextInt(256);
            TileId tile = new TileId(random.nextInt(64), index, width);
            BundleId bundle = new BundleId(index, width);
            assertThat(TilePaths.parseTile(tile.path())).isEqualTo(tile);
            assertThat(TilePaths.parseBundle(bundle.path())).isEqualTo(bundle);
        }
        assertThat(TilePaths.encodeIndex(Long.MAX_VALUE)).isEqualTo("x009/x223/x372/x036/x854/x775/807");
        assertThat(TilePaths.parseTile("tile/0/x009/x223/x372/x036/x854/x775/807").index()).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> TilePaths.parseTile("tile/0/x009/x223/x372/x036/x854/x775/808"))
                .hasMessageContaining("beyond 2^63 - 1");
    }

    @Test
    void shouldSizeTilesAsTheSpecExamplesSay() {
        for (JsonNode vector : Vectors.load("tile-paths.json").get("sizes")) {
            long treeSize = vector.get("treeSize").asLong();
            for (JsonNode level : vector.get("tiles")) {
                int l = level.get("level").asInt();
                long full = level.get("full").asLong();
                for (long n = 0; n < full; n++) {
                    assertThat(TileMath.tileWidth(l, n, treeSize)).isEqualTo(256);
                }
                assertThat(TileMath.tileWidth(l, full, treeSize)).as(vector.get("desc").asText())
                        .isEqualTo(level.get("partialWidth").asInt());
                assertThat(TileMath.tileWidth(l, full + 1, treeSize)).isZero();
            }
            int levels = vector.get("tiles").size();
            assertThat(TileMath.tileWidth(levels, 0, treeSize)).isZero();
            assertThat(TileMath.tileWidth(63, 0, treeSize)).isZero();
        }
    }

    @Test
    void shouldListAsNewTilesExactlyTheTilesThatAppearOrGrow() {
        Random random = new Random(15);
        for (int i = 0; i < 300; i++) {
            long oldSize = random.nextInt(100_000);
            long newSize = oldSize + (i % 3 == 0 ? random.nextInt(300) : random.nextInt(70_000));
            Set<TileId> expected = tilesOf(newSize);
            expected.removeAll(tilesOf(oldSize));
            assertThat(TileMath.newTiles(oldSize, newSize)).as("%d -> %d", oldSize, newSize)
                    .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(TileMath.newTiles(256, 256)).isEmpty();
        assertThat(TileMath.newTiles(0, 256)).containsExactly(TileId.full(0, 0), new TileId(1, 0, 1));
    }

    @Test
    void shouldStoreOnlyTileLevelNodes() {
        // 70,000 leaf hashes + 273 level-8 hashes + 1 level-16 hash
        assertThat(store.storedNodes()).isEqualTo(70_000 + 273 + 1);
    }

    @Test
    void shouldServeProofsFromTilesThatMatchTheReference() {
        Random random = new Random(15);
        for (int i = 0; i < 400; i++) {
            int size = i < 20 ? SIZE - i : 1 + random.nextInt(SIZE);
            TileHashReader tiles = new TileHashReader(size, store);
            int index = random.nextInt(size);
            assertThat(ProofNodes.inclusion(index, size).read(tiles)).as("inclusion %d in %d", index, size)
                    .containsExactlyElementsOf(reference.path(index, size));
            int size1 = 1 + random.nextInt(size);
            assertThat(ProofNodes.consistency(size1, size).read(tiles)).as("consistency %d -> %d", size1, size)
                    .containsExactlyElementsOf(reference.consistency(size1, size));
        }
    }

    @Test
    void shouldComputeTheRootOfAnySizeFromTiles() {
        for (int size : new int[]{0, 1, 255, 256, 257, 65_535, 65_536, 65_537, 69_999, SIZE}) {
            assertThat(CompactRange.load(size, new TileHashReader(size, store)).root()).as("root at %d", size)
                    .isEqualTo(reference.root(size));
        }
        assertThat(CompactRange.load(SIZE, new TileHashReader(SIZE, store)).root()).isEqualTo(store.range().root());
    }

    @Test
    void shouldReadEachTileOncePerCall() {
        TileHashReader tiles = new TileHashReader(SIZE, store);
        int before = store.tileReads;
        List<NodeId> nodes = ProofNodes.inclusion(12_345, SIZE).ids();
        Set<TileId> distinct = new HashSet<>();
        nodes.forEach(node -> distinct.add(TileMath.locate(node, SIZE).tile()));
        tiles.readHashes(nodes);
        assertThat(store.tileReads - before).isEqualTo(distinct.size());
    }

    @Test
    void shouldNameTheTilesToPrefetchAndBuildTheProofFromThemAlone() {
        long size = 69_999;
        ProofNodes nodes = ProofNodes.consistency(12_345, size);
        List<TileId> needed = TileHashReader.tilesFor(nodes.ids(), size);
        java.util.Map<TileId, byte[]> prefetched = new java.util.HashMap<>();
        needed.forEach(tile -> prefetched.put(tile, store.tile(tile)));
        TileReader fromPrefetched = tiles -> tiles.stream().map(tile -> {
            byte[] data = prefetched.get(tile);
            if (data == null) {
                throw new IllegalStateException("tile " + tile + " was not prefetched");
            }
            return data;
        }).toArray(byte[][]::new);

        assertThat(needed).doesNotHaveDuplicates().contains(new TileId(0, 273, 111), new TileId(1, 1, 17));
        assertThat(nodes.read(new TileHashReader(size, fromPrefetched)))
                .containsExactlyElementsOf(reference.consistency(12_345, (int) size));
    }

    @Test
    void shouldLocateNodesBetweenTileLevelsInsideTheTileBelow() {
        assertThat(TileMath.locate(new NodeId(3, 5), SIZE)).isEqualTo(new TileMath.NodeLocation(TileId.full(0, 0),
                40, 8));
        assertThat(TileMath.locate(new NodeId(9, 3), SIZE))
                .isEqualTo(new TileMath.NodeLocation(TileId.full(1, 0), 6, 2));
        assertThat(TileMath.locate(new NodeId(0, 69_999), SIZE))
                .isEqualTo(new TileMath.NodeLocation(new TileId(0, 273, 112), 111, 1));
        assertThatThrownBy(() -> TileMath.locate(new NodeId(1, 35_000), SIZE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not complete");
    }

    @Test
    void shouldBundleEntriesThatHashToTheLevelZeroTile() {
        BundleId bundle = TileMath.bundleAt(273, SIZE).orElseThrow();
        assertThat(bundle.width()).isEqualTo(112);
        byte[] data = store.bundle(bundle);
        assertThat(data).hasSize(112 * (2 + 8));
        List<byte[]> entries = EntryBundle.parse(data);
        byte[] tile = store.tile(TileMath.tileAt(0, 273, SIZE).orElseThrow());
        for (int i = 0; i < entries.size(); i++) {
            assertThat(Rfc6962.hashLeaf(entries.get(i)))
                    .isEqualTo(java.util.Arrays.copyOfRange(tile, 32 * i, 32 * i + 32));
        }
    }

    @Test
    void shouldPrefixEachEntryWithItsBigEndianLength() {
        byte[] bundle = EntryBundle.format(List.of(new byte[]{7}, new byte[300], new byte[0]));
        assertThat(java.util.Arrays.copyOfRange(bundle, 0, 3)).containsExactly(0, 1, 7);
        assertThat(java.util.Arrays.copyOfRange(bundle, 3, 5)).containsExactly(0x01, 0x2C);
        assertThat(EntryBundle.parse(bundle)).extracting(entry -> entry.length).containsExactly(1, 300, 0);
        assertThatThrownBy(() -> EntryBundle.parse(new byte[]{0, 5, 1, 2})).hasMessageContaining("truncated");
        assertThatThrownBy(() -> EntryBundle.parse(new byte[]{0})).hasMessageContaining("truncated");
        assertThatThrownBy(() -> EntryBundle.format(List.of(new byte[70_000]))).hasMessageContaining("65535");
    }

    @Test
    void shouldHashASubtreeOfATile() {
        byte[] tile = store.tile(TileId.full(0, 1));
        assertThat(TileMath.hashFromTile(tile, 0, 256)).isEqualTo(reference.mth(256, 512));
        assertThat(TileMath.hashFromTile(tile, 64, 32)).isEqualTo(reference.mth(320, 352));
        assertThatThrownBy(() -> TileMath.hashFromTile(tile, 3, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Every tile of the tree of {@code size}, by brute force over the definition. */
    private static Set<TileId> tilesOf(long size) {
        Set<TileId> tiles = new HashSet<>();
        for (int level = 0; level < 4; level++) {
            for (long n = 0;; n++) {
                int width = TileMath.tileWidth(level, n, size);
                if (width == 0) {
                    break;
                }
                tiles.add(new TileId(level, n, width));
            }
        }
        return tiles;
    }
}
