package io.pjctrl.audit.verify;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.pjctrl.contract.tlog.Checkpoint;
import io.pjctrl.contract.tlog.Ed25519;
import io.pjctrl.contract.tlog.NoteSigning;
import io.pjctrl.contract.tlog.SignedNote;
import io.pjctrl.contract.tlog.VerifierKey;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A witness for the test, in-process, with its own Ed25519 key: it serves the C2SP tlog-witness monitoring endpoint
 * {@code GET /<hex SHA-256 of origin>/checkpoint} with the checkpoint it holds, cosigned (tlog-cosignature/v1) by its
 * key. What it holds the test sets with {@code POST /test/hold} (a log-signed note, which it cosigns, as a witness does
 * once the consistency proof checked) and clears with {@code DELETE /test/hold}. The service is configured with its
 * URL and vkey ({@code pjctrl.witnesses[0]}).
 */
public class FakeWitness implements QuarkusTestResourceLifecycleManager {

    static final String NAME = "witness.test.pjctrl/verify";

    private HttpServer server;
    private final Map<String, String> held = new ConcurrentHashMap<>();

    @Override
    public Map<String, String> start() {
        try {
            KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] publicKey = Ed25519.raw(keys.getPublic());
            VerifierKey vkey = VerifierKey.of(NAME, VerifierKey.TYPE_COSIGNATURE_V1, publicKey);
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> handle(exchange, keys, publicKey));
            server.start();
            return Map.of("pjctrl.witnesses[0].url", "http://127.0.0.1:" + server.getAddress().getPort(),
                    "pjctrl.witnesses[0].verifier-key", vkey.format());
        } catch (Exception e) {
            throw new IllegalStateException("could not start the test witness", e);
        }
    }

    private void handle(HttpExchange exchange, KeyPair keys, byte[] publicKey) throws IOException {
        String path = exchange.getRequestURI().getPath();
        try (exchange) {
            if (path.equals("/test/hold") && exchange.getRequestMethod().equals("POST")) {
                SignedNote note = SignedNote.parse(exchange.getRequestBody().readAllBytes());
                String origin = Checkpoint.parse(note.text()).origin();
                SignedNote cosigned = note.with(NoteSigning.cosign(NAME, keys.getPrivate(), publicKey, note.text(),
                        Instant.now().getEpochSecond()));
                held.put(originHash(origin), cosigned.format());
                respond(exchange, 200, "held\n");
            } else if (path.equals("/test/hold") && exchange.getRequestMethod().equals("DELETE")) {
                held.clear();
                respond(exchange, 200, "cleared\n");
            } else if (path.matches("/[0-9a-f]{64}/checkpoint")) {
                String note = held.get(path.substring(1, 65));
                respond(exchange, note == null ? 404 : 200, note == null ? "not found\n" : note);
            } else {
                respond(exchange, 404, "not found\n");
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static String originHash(String origin) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(origin.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
