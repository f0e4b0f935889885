package io.pjctrl.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.HdrHistogram.Histogram;

import io.pjctrl.contract.tlog.Checkpoint;
import io.pjctrl.contract.tlog.ProofVerifier;
import io.pjctrl.contract.tlog.Rfc6962;
import io.pjctrl.contract.tlog.SignedNote;
import io.pjctrl.contract.tlog.TileId;
import io.pjctrl.contract.tlog.TilePaths;
import io.pjctrl.contract.tlog.TlogProof;

/**
 * Latency of the transparency-log reads over a large log: {@code GET /api/audit-logs/{id}/proof} (a C2SP tlog-proof
 * for an entry drawn at random from every chain's checkpointed range) and {@code GET /tlog/<chain>/tile/...} (full
 * hash tiles of levels 0 and 1 and entry bundles, at random). Baseline from the same run: {@code GET
 * /api/audit-logs/{id}} of the same entries, the cheapest authenticated read of the same stack. Requests are
 * sequential, so the figures are service latency without queueing, measured after {@code --warmup} untimed requests of
 * each kind on other entries (default: as many as the samples), so that they are the JIT-compiled steady state. Every proof is checked against its checkpoint's
 * root with the entry's leaf data, read from the database, so a wrong answer cannot pass as a fast one.
 */
final class ProofTool {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private ProofTool() {
    }

    static void run(Args args) throws Exception {
        ProjectApi api = ProjectApi.loggedIn(args);
        String audit = ProjectApi.auditBase(args);
        int samples = (int) args.number("samples", 500);
        // Steady state, not the JIT's first minutes: as many untimed requests of each kind first, on other entries.
        int warmup = (int) args.number("warmup", samples);
        SplittableRandom random = new SplittableRandom(args.number("seed", 13));
        Duration wait = Duration.ofSeconds(args.number("checkpoint-timeout-s", 120));

        Map<String, Checkpoint> checkpoints = awaitCheckpoints(audit, chains(args), wait);
        List<Sample> entries = new ArrayList<>();
        List<Sample> warmupEntries = new ArrayList<>();
        List<String> chains = new ArrayList<>(checkpoints.keySet());
        try (Connection db = Db.connect(args)) {
            for (int i = 0; i < samples + warmup; i++) {
                String chain = chains.get(random.nextInt(chains.size()));
                Sample sample = entry(db, chain, 1 + random.nextLong(checkpoints.get(chain).size()));
                (i < warmup ? warmupEntries : entries).add(sample);
            }
        }

        for (Sample e : warmupEntries) { // not recorded
            check(e, TlogProof.parse(api.get(audit + "/api/audit-logs/" + e.id() + "/proof", "text/plain").get().body()));
            api.get(audit + "/api/audit-logs/" + e.id()).get();
            String chain = chains.get(random.nextInt(chains.size()));
            tile(audit, chain, tilePath(random, checkpoints.get(chain).size()));
        }
        Histogram proof = new Histogram(3);
        Histogram lookup = new Histogram(3);
        for (Sample e : entries) {
            long began = System.nanoTime();
            String body = api.get(audit + "/api/audit-logs/" + e.id() + "/proof", "text/plain").get().body();
            proof.recordValue(micros(began));
            check(e, TlogProof.parse(body));
            began = System.nanoTime();
            api.get(audit + "/api/audit-logs/" + e.id()).get();
            lookup.recordValue(micros(began));
        }

        Histogram tile = new Histogram(3);
        for (int i = 0; i < samples; i++) {
            String chain = chains.get(random.nextInt(chains.size()));
            String path = tilePath(random, checkpoints.get(chain).size());
            long began = System.nanoTime();
            tile(audit, chain, path);
            tile.recordValue(micros(began));
        }

        System.out.printf("%-34s %8s %8s %8s %8s %6s%n", "request", "p50 ms", "p95 ms", "p99 ms", "max ms", "n");
        print("GET /api/audit-logs/{id}/proof", proof);
        print("GET /tlog/<chain>/tile/... (full)", tile);
        print("baseline GET /api/audit-logs/{id}", lookup);
        System.out.printf("RESULT proof_p99_ms=%.2f tile_p99_ms=%.2f baseline_p99_ms=%.2f%n", ms(proof, 99),
                ms(tile, 99), ms(lookup, 99));
    }

    /** GET of a tile, which must answer 200 with a body. */
    private static void tile(String audit, String chain, String path) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(audit + "/tlog/" + chain + "/"
                + path)).timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200 || response.body().length == 0) {
            throw new IllegalStateException("GET /tlog/" + chain + "/" + path + " answered " + response.statusCode());
        }
    }

    private record Sample(String id, long seq, byte[] leafData) {
    }

    /** An entry of the chain at {@code seq}, with its leaf data as the tree holds it (the entry bundle's bytes). */
    private static Sample entry(Connection db, String chain, long seq) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("SELECT l.id, substring(t.hashes FROM ? FOR 32)"
                + " FROM audit_logs l JOIN audit_tlog_tiles t ON t.chain_id = l.chain_id AND t.level = -1"
                + " AND t.tile_index = ? WHERE l.chain_id = ? AND l.seq = ?")) {
            long index = seq - 1;
            s.setInt(1, (int) (index % 256) * 32 + 1);
            s.setLong(2, index / 256);
            s.setString(3, chain);
            s.setLong(4, seq);
            try (ResultSet row = s.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("no entry " + chain + "/" + seq + " with its leaf in the tiles");
                }
                return new Sample(row.getString(1), seq, row.getBytes(2));
            }
        }
    }

    private static void check(Sample e, TlogProof proof) {
        Checkpoint checkpoint = Checkpoint.parse(SignedNote.parse(proof.checkpointNote()).text());
        if (proof.index() != e.seq() - 1) {
            throw new IllegalStateException("proof of entry " + e.id() + " has index " + proof.index());
        }
        ProofVerifier.verifyInclusion(proof.index(), checkpoint.size(), Rfc6962.hashLeaf(e.leafData()),
                proof.inclusionPath(), checkpoint.rootHash());
    }

    /** A full tile at random: level 0 or 1, or an entry bundle, within the checkpoint's size. */
    private static String tilePath(SplittableRandom random, long size) {
        int kind = random.nextInt(3);
        if (kind == 1 && size >= 256L * 256) {
            return TilePaths.tilePath(TileId.full(1, random.nextLong(size / (256L * 256))));
        }
        long index = random.nextLong(Math.max(1, size / 256));
        return kind == 2 ? "tile/entries/" + TilePaths.encodeIndex(index) : TilePaths.tilePath(TileId.full(0, index));
    }

    private static List<String> chains(Args args) {
        int count = (int) args.number("chains", 6);
        List<String> chains = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            chains.add(args.text("chain-prefix", "events") + "-" + i);
        }
        return chains;
    }

    /** Each chain's latest checkpoint as a tlog client reads it, once every chain has one (the ingest signs them). */
    private static Map<String, Checkpoint> awaitCheckpoints(String audit, List<String> chains, Duration wait)
            throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        Map<String, Checkpoint> found = new LinkedHashMap<>();
        while (found.size() < chains.size()) {
            for (String chain : chains) {
                if (!found.containsKey(chain)) {
                    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(audit + "/tlog/" + chain
                            + "/checkpoint")).timeout(Duration.ofSeconds(10)).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200) {
                        found.put(chain, Checkpoint.parse(SignedNote.parse(response.body()).text()));
                    }
                }
            }
            if (found.size() < chains.size()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + found.keySet() + " have a checkpoint after " + wait);
                }
                Thread.sleep(1_000);
            }
        }
        found.forEach((chain, c) -> System.out.printf("checkpoint %s: size %d root %s%n", chain, c.size(),
                HexFormat.of().formatHex(c.rootHash())));
        return found;
    }

    private static void print(String name, Histogram h) {
        System.out.printf("%-34s %8.2f %8.2f %8.2f %8.2f %6d%n", name, ms(h, 50), ms(h, 95), ms(h, 99),
                h.getMaxValue() / 1e3, h.getTotalCount());
    }

    private static long micros(long began) {
        return Math.max(1, (System.nanoTime() - began) / 1_000);
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1e3;
    }
}
