package io.pjctrl.audit.tlog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pjctrl.audit.testsupport.StoredChains;
import io.pjctrl.audit.testsupport.TestEvent;
import io.pjctrl.audit.testsupport.TestEvents;
import io.pjctrl.audit.testsupport.TlogCheckpoints;
import io.pjctrl.audit.testsupport.TlogCheckpoints.Stored;
import io.pjctrl.audit.web.ApiTokens;
import io.pjctrl.contract.chain.ChainedEntry;
import io.pjctrl.contract.tlog.BundleId;
import io.pjctrl.contract.tlog.Checkpoint;
import io.pjctrl.contract.tlog.CompactRange;
import io.pjctrl.contract.tlog.EntryBundle;
import io.pjctrl.contract.tlog.ProofVerifier;
import io.pjctrl.contract.tlog.Rfc6962;
import io.pjctrl.contract.tlog.SignedNote;
import io.pjctrl.contract.tlog.TileHashReader;
import io.pjctrl.contract.tlog.TileId;
import io.pjctrl.contract.tlog.TileMath;
import io.pjctrl.contract.tlog.TlogProof;
import io.pjctrl.contract.tlog.VerifierKey;
import io.pjctrl.testing.InjectInfra;
import io.pjctrl.testing.TestDatabase;
import io.pjctrl.testing.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * The public read API as a tlog-tiles client and an auditor use it: 300+ entries of one chain through the real
 * ingest, two tree-root checkpoints, then checkpoint, key, tiles and bundles over HTTP without a token, verified
 * against a root recomputed naively from the stored entries; a tlog-proof for every entry and consistency proofs
 * between sizes, verified with the contract library; bad paths answered with problem+json.
 */
@QuarkusTest
class TlogReadApiTest {

    static final String RESOURCE = "tlog-" + UUID.randomUUID();
    static String chain;
    static Stored first;
    static Stored second;

    @InjectInfra
    KafkaCompanion kafka;
    @InjectInfra
    TestTopics topics;
    @InjectInfra
    TestDatabase db;

    static AssertionError seedFailure;

    @BeforeEach
    void seedOnce() {
        if (seedFailure != null) {
            throw seedFailure;
        }
        if (second == null) {
            try {
                seed();
            } catch (AssertionError e) {
                seedFailure = e;
                throw e;
            }
        }
    }

    private void seed() {
        TestEvents events = new TestEvents(kafka, topics, db);
        List<TestEvent> batch = batch(1, 150);
        events.publishAndAwait(batch);
        chain = TlogCheckpoints.positionOf(db, batch.get(0).eventId()).chainId();
        long firstEnd = TlogCheckpoints.positionOf(db, batch.get(batch.size() - 1).eventId()).seq();
        first = TlogCheckpoints.ensure(events, db, chain, firstEnd);
        batch = batch(151, 160);
        events.publishAndAwait(batch);
        second = TlogCheckpoints.ensure(events, db, chain, TlogCheckpoints.positionOf(db, batch.get(batch.size() - 1).eventId())
                .seq());
        assertThat(second.size()).isGreaterThan(first.size()).isGreaterThan(256);
    }

    /** One resource, one key: every event on the same partition, so the same chain. */
    static List<TestEvent> batch(int fromVersion, int count) {
        List<TestEvent> batch = new ArrayList<>();
        for (int v = fromVersion; v < fromVersion + count; v++) {
            batch.add(TestEvent.of("task.update").resource("task", RESOURCE).aggregateVersion(v));
        }
        return batch;
    }

    @Test
    void shouldServeTheLatestCheckpointWithoutATokenSignedByTheServedKey() {
        Response response = given().get("/tlog/" + chain + "/checkpoint");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(response.header("Cache-Control")).isEqualTo("no-cache");
        SignedNote note = SignedNote.parse(response.asByteArray());
        Checkpoint checkpoint = Checkpoint.parse(note.text());
        assertThat(checkpoint.origin()).isEqualTo(TlogCheckpoints.ORIGIN_PREFIX + "/" + chain);
        assertThat(checkpoint.size()).isGreaterThanOrEqualTo(second.size());
        VerifierKey key = TlogCheckpoints.verifyLogSignature(note);

        Response vkey = given().get("/tlog/" + chain + "/key");
        assertThat(vkey.statusCode()).isEqualTo(200);
        assertThat(vkey.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(vkey.asString()).isEqualTo(key.format() + "\n");
    }

    @Test
    void shouldServeTilesFromWhichAClientRebuildsEachCheckpointRoot() {
        List<ChainedEntry> entries = StoredChains.read(db).get(chain);
        HttpTiles http = new HttpTiles(chain);
        for (Stored checkpoint : List.of(first, second)) {
            byte[] reference = TlogCheckpoints.referenceRoot(entries.subList(0, (int) checkpoint.size()));
            assertThat(checkpoint.root()).isEqualTo(reference);
            byte[] root = CompactRange.load(checkpoint.size(), new TileHashReader(checkpoint.size(), http)).root();
            assertThat(root).as("root rebuilt from tiles at size %d", checkpoint.size()).isEqualTo(reference);
        }
        // every tile of the tree, full and partial: level 0 holds the leaf hashes, level 1 the roots of full tiles
        for (TileId tile : TileMath.newTiles(0, second.size())) {
            byte[] data = http.readTiles(List.of(tile))[0];
            for (int i = 0; i < tile.width(); i++) {
                byte[] hash = java.util.Arrays.copyOfRange(data, 32 * i, 32 * i + 32);
                long at = tile.index() * 256 + i;
                byte[] expected = tile.level() == 0
                        ? Rfc6962.entryLeafHash(entries.get((int) at).entry().canonical())
                        : TlogCheckpoints.referenceRoot(entries.subList((int) at * 256, (int) at * 256 + 256));
                assertThat(hash).as("%s hash %d", tile, i).isEqualTo(expected);
            }
        }
        // The chain holds at least one full level-0 tile (other tests of the suite may have stored more on it).
        assertThat(second.size()).isGreaterThanOrEqualTo(256);
        assertThat(TileMath.newTiles(0, second.size()))
                .contains(TileId.full(0, 0), new TileId(1, 0, (int) (second.size() / 256)));
    }

    @Test
    void shouldServeEntryBundlesHoldingTheLeafDataOfTheStoredEntries() {
        List<ChainedEntry> entries = StoredChains.read(db).get(chain);
        HttpTiles http = new HttpTiles(chain);
        for (long index = 0; index * 256 < second.size(); index++) {
            BundleId bundle = TileMath.bundleAt(index, second.size()).orElseThrow();
            List<byte[]> leaves = EntryBundle.parse(http.bundle(bundle));
            assertThat(leaves).as(bundle.path()).hasSize(bundle.width());
            for (int i = 0; i < leaves.size(); i++) {
                ChainedEntry entry = entries.get((int) bundle.firstEntry() + i);
                assertThat(leaves.get(i)).as("%s entry %d", bundle, i)
                        .isEqualTo(Rfc6962.leafData(entry.entry().canonical()));
            }
        }
    }

    @Test
    void shouldProveTheInclusionOfEveryEntryInTheLatestCheckpoint() {
        String token = ApiTokens.forRole("auditor");
        List<ChainedEntry> entries = StoredChains.read(db).get(chain);
        for (ChainedEntry entry : entries.subList(0, (int) second.size())) {
            Response response = given().auth().oauth2(token).get("/api/audit-logs/" + entry.entry().id() + "/proof");
            assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
            assertThat(response.contentType()).isEqualTo("text/plain; charset=utf-8");
            TlogProof proof = TlogProof.parse(response.asString());
            assertThat(proof.index()).isEqualTo(entry.entry().seq() - 1);
            SignedNote note = SignedNote.parse(proof.checkpointNote());
            TlogCheckpoints.verifyLogSignature(note);
            Checkpoint checkpoint = Checkpoint.parse(note.text());
            assertThat(checkpoint.origin()).isEqualTo(TlogCheckpoints.ORIGIN_PREFIX + "/" + chain);
            ProofVerifier.verifyInclusion(proof.index(), checkpoint.size(), Rfc6962.entryLeafHash(entry.entry()
                    .canonical()), proof.inclusionPath(), checkpoint.rootHash());
        }
    }

    @Test
    void shouldProveConsistencyBetweenTwoCheckpointsAndAnySmallerSize() {
        JsonPath body = consistency(first.size(), second.size()).then().statusCode(200).extract().jsonPath();
        assertThat(body.getString("chain_id")).isEqualTo(chain);
        assertThat(body.getString("origin")).isEqualTo(TlogCheckpoints.ORIGIN_PREFIX + "/" + chain);
        ProofVerifier.verifyConsistency(first.size(), second.size(), hashes(body.getList("proof")), first.root(),
                second.root());

        List<ChainedEntry> entries = StoredChains.read(db).get(chain);
        long n = second.size();
        for (long m : new long[]{0, 1, 2, 3, 7, 8, 9, 255, 256, 257, n - 1, n}) {
            JsonPath proof = consistency(m, n).then().statusCode(200).extract().jsonPath();
            byte[] oldRoot = TlogCheckpoints.referenceRoot(entries.subList(0, (int) m));
            assertThat(Base64.getDecoder().decode(proof.getString("old_root"))).as("old_root at %d", m).isEqualTo(oldRoot);
            assertThat(Base64.getDecoder().decode(proof.getString("new_root"))).isEqualTo(second.root());
            if (m == 0) {
                assertThat(proof.getList("proof")).isEmpty();
            } else {
                ProofVerifier.verifyConsistency(m, n, hashes(proof.getList("proof")), oldRoot, second.root());
            }
        }
    }

    @Test
    void shouldAnswerBadTilePathsWith400AndMissingOnesWith404AsProblems() {
        for (String bad : List.of("tile/0/1", "tile/0/0000", "tile/0/000.p/0", "tile/0/000.p/256", "tile/0/000.p/07",
                "tile/0/x000/001", "tile/01/000", "tile/64/000", "tile/-1/000", "tile/0/000.p/", "tile/entries/abc",
                "tile/entries/000.p/300", "tile/0/x1/000", "tile/0/000/", "tile/x/000")) {
            problem("/tlog/" + chain + "/" + bad, 400);
        }
        for (String missing : List.of("tile/0/x999/999", "tile/2/000", "tile/entries/x999/999", "tile/9/000.p/3")) {
            problem("/tlog/" + chain + "/" + missing, 404);
        }
        for (String path : List.of("checkpoint", "key", "tile/0/000", "tile/entries/000",
                "consistency?old_size=1&new_size=2")) {
            problem("/tlog/no-such-chain/" + path, 404);
        }
        problem("/tlog/" + chain + "/checkpoint?x=1", 400);
    }

    @Test
    void shouldAnswerBadConsistencyRequestsWith400() {
        long n = second.size();
        problem("/tlog/" + chain + "/consistency", 400);
        for (String query : List.of("old_size=1", "new_size=2", "old_size=01&new_size=2", "old_size=-1&new_size=2",
                "old_size=3&new_size=2", "old_size=1&new_size=" + (n + 1000), "old_size=1&new_size=99999999999999999999",
                "old_size=a&new_size=2", "old_size=1&new_size=2&x=1")) {
            problem("/tlog/" + chain + "/consistency?" + query, 400);
        }
    }

    @Test
    void shouldRequireAnAuditorOrAdminForEntryProofs() {
        ChainedEntry entry = StoredChains.read(db).get(chain).get(0);
        String path = "/api/audit-logs/" + entry.entry().id() + "/proof";
        problem(path, 401);
        assertThat(given().auth().oauth2(ApiTokens.forRole("member")).get(path).statusCode()).isEqualTo(403);
        assertThat(given().auth().oauth2(ApiTokens.forRole("admin")).get(path).statusCode()).isEqualTo(200);
        String auditor = ApiTokens.forRole("auditor");
        assertThat(given().auth().oauth2(auditor).get("/api/audit-logs/" + UUID.randomUUID() + "/proof").statusCode())
                .isEqualTo(404);
        assertThat(given().auth().oauth2(auditor).get("/api/audit-logs/not-a-uuid/proof").statusCode()).isEqualTo(400);
    }

    @Test
    void shouldAnswerEveryCallerAlikeWithOrWithoutAToken() {
        String path = "/tlog/" + chain + "/tile/0/000";
        byte[] anonymous = new HttpTiles(chain).get("tile/0/000");
        for (String token : List.of(ApiTokens.forRole("member"), ApiTokens.forRole("admin"), ApiTokens.forged("admin"),
                ApiTokens.expired("auditor"), "not-a-jwt")) {
            Response response = given().auth().oauth2(token).get(path);
            assertThat(response.statusCode()).as(token).isEqualTo(200);
            assertThat(response.asByteArray()).isEqualTo(anonymous);
            assertThat(given().auth().oauth2(token).get("/tlog/" + chain + "/checkpoint").statusCode()).isEqualTo(200);
        }
    }

    private static Response consistency(long oldSize, long newSize) {
        return given().get("/tlog/" + chain + "/consistency?old_size=" + oldSize + "&new_size=" + newSize);
    }

    private static List<byte[]> hashes(List<String> base64) {
        return base64.stream().map(Base64.getDecoder()::decode).toList();
    }

    private static void problem(String path, int status) {
        Response response = given().get(path);
        assertThat(response.statusCode()).as(path + ": " + response.asString()).isEqualTo(status);
        assertThat(response.contentType()).as(path).startsWith("application/problem+json");
        assertThat(response.jsonPath().getInt("status")).as(path).isEqualTo(status);
    }
}
