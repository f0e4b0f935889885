package io.pjctrl.audit.tlog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.pjctrl.contract.tlog.BundleId;
import io.pjctrl.contract.tlog.TileId;
import io.pjctrl.contract.tlog.TileReader;
import io.restassured.response.Response;

/**
 * A tlog-tiles client's view of the service: tiles and bundles fetched over HTTP from {@code /tlog/<chain>/} with no
 * token, each response checked for what C2SP tlog-tiles requires (200, octet-stream, long-lived caching).
 */
final class HttpTiles implements TileReader {

    private final String prefix;

    HttpTiles(String chainId) {
        this.prefix = "/tlog/" + chainId + "/";
    }

    @Override
    public byte[][] readTiles(List<TileId> tiles) {
        byte[][] data = new byte[tiles.size()][];
        for (int i = 0; i < data.length; i++) {
            data[i] = get(tiles.get(i).path());
            assertThat(data[i]).as(tiles.get(i).path()).hasSize(tiles.get(i).byteLength());
        }
        return data;
    }

    byte[] bundle(BundleId bundle) {
        return get(bundle.path());
    }

    byte[] get(String path) {
        Response response = given().get(prefix + path);
        assertThat(response.statusCode()).as(path + ": " + response.asString()).isEqualTo(200);
        assertThat(response.contentType()).as(path).isEqualTo("application/octet-stream");
        assertThat(response.header("Cache-Control")).as(path).isEqualTo("public, max-age=31536000, immutable");
        return response.asByteArray();
    }
}
