package io.pjctrl.audit.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.pjctrl.contract.tlog.AddCheckpointRequest;
import io.pjctrl.contract.tlog.Checkpoint;
import io.pjctrl.contract.tlog.Ed25519;
import io.pjctrl.contract.tlog.NoteSignature;
import io.pjctrl.contract.tlog.NoteSigning;
import io.pjctrl.contract.tlog.SignedNote;
import io.pjctrl.contract.tlog.TlogWitness;
import io.pjctrl.contract.tlog.VerifierKey;

/**
 * A real C2SP tlog-witness peer for audit-service's tests, in process on a JDK HttpServer: the witness module's
 * decision ({@link TlogWitness#check}, the same call the witness makes), its key type and its three endpoints, with
 * the held checkpoints in memory instead of PostgreSQL. It trusts the given log keys for every origin. Not a mock:
 * it answers 409 and 422 exactly as the witness does and cosigns only what the protocol allows.
 */
public final class InProcessWitness implements AutoCloseable {

    private final HttpServer server;
    private final String name;
    private final PrivateKey privateKey;
    private final byte[] publicKey;
    private final List<VerifierKey> trustedLogKeys;
    /** Origin -> the latest cosigned note (log signatures and this witness's cosignature). */
    private final Map<String, SignedNote> held = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> answered = new ConcurrentHashMap<>();
    /** Origin -> the status every add-checkpoint of it is answered with instead (an outage, as 503). */
    private final Map<String, Integer> outages = new ConcurrentHashMap<>();

    private InProcessWitness(String name, List<VerifierKey> trustedLogKeys) throws IOException {
        byte[] seed = new byte[Ed25519.SEED_SIZE];
        new SecureRandom().nextBytes(seed);
        this.name = name;
        this.privateKey = Ed25519.privateKey(seed);
        this.publicKey = Ed25519.publicKeyOfSeed(seed);
        this.trustedLogKeys = List.copyOf(trustedLogKeys);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a witness named {@code name} on a free port of 127.0.0.1, with a fresh key. */
    public static InProcessWitness start(String name, List<VerifierKey> trustedLogKeys) {
        try {
            return new InProcessWitness(name, trustedLogKeys);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the in-process witness", e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Its cosignature/v1 vkey (type 0x04), what the log is configured with. */
    public VerifierKey vkey() {
        return VerifierKey.of(name, VerifierKey.TYPE_COSIGNATURE_V1, publicKey);
    }

    /** The latest checkpoint it cosigned for {@code origin}. */
    public Optional<SignedNote> held(String origin) {
        return Optional.ofNullable(held.get(origin));
    }

    /** Answers every add-checkpoint of {@code origin} with 503 until {@link #recover} (a witness that is down for it). */
    public void fail(String origin) {
        outages.put(origin, 503);
    }

    public void recover(String origin) {
        outages.remove(origin);
    }

    /** How many add-checkpoint requests were answered with {@code status}. */
    public int answered(int status) {
        return answered.getOrDefault(status, new AtomicInteger()).get();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if ("POST".equals(exchange.getRequestMethod()) && path.equals("/" + TlogWitness.ADD_CHECKPOINT)) {
                addCheckpoint(exchange);
            } else if ("GET".equals(exchange.getRequestMethod()) && path.equals("/key")) {
                send(exchange, 200, "text/plain; charset=utf-8", vkey().format() + "\n");
            } else if ("GET".equals(exchange.getRequestMethod()) && path.matches("/[0-9a-f]{64}/checkpoint")) {
                Optional<SignedNote> note = held.entrySet().stream()
                        .filter(e -> sha256Hex(e.getKey()).equals(path.substring(1, 65)))
                        .map(Map.Entry::getValue)
                        .findFirst();
                send(exchange, note.isPresent() ? 200 : 404, "text/plain; charset=utf-8",
                        note.map(SignedNote::format).orElse("not found\n"));
            } else {
                send(exchange, 404, "text/plain; charset=utf-8", "not found\n");
            }
        }
    }

    private void addCheckpoint(HttpExchange exchange) throws IOException {
        AddCheckpointRequest request;
        try (InputStream in = exchange.getRequestBody()) {
            request = AddCheckpointRequest.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            answer(exchange, 400, "text/plain; charset=utf-8", e.getMessage() + "\n");
            return;
        }
        // One decision at a time: the witness module's compare-and-swap, in memory.
        synchronized (held) {
            Checkpoint submitted = request.checkpoint();
            Integer outage = outages.get(submitted.origin());
            if (outage != null) {
                answer(exchange, outage, "text/plain; charset=utf-8", "unavailable\n");
                return;
            }
            Optional<Checkpoint> latest = Optional.ofNullable(held.get(submitted.origin()))
                    .map(note -> Checkpoint.parse(note.text()));
            TlogWitness.Verdict verdict = TlogWitness.check(request, trustedLogKeys, latest);
            if (verdict.status() == 409) {
                answer(exchange, 409, TlogWitness.SIZE_CONTENT_TYPE, verdict.conflictBody());
                return;
            }
            if (!verdict.accepted()) {
                answer(exchange, verdict.status(), "text/plain; charset=utf-8", verdict.reason() + "\n");
                return;
            }
            SignedNote note = request.note();
            NoteSignature cosignature = NoteSigning.cosign(name, privateKey, publicKey, note.text(),
                    Instant.now().getEpochSecond());
            List<NoteSignature> kept = new ArrayList<>();
            trustedLogKeys.forEach(key -> kept.addAll(note.signaturesBy(key)));
            kept.add(cosignature);
            held.put(submitted.origin(), new SignedNote(note.text(), kept));
            answer(exchange, 200, "text/plain; charset=utf-8", TlogWitness.formatCosignatures(List.of(cosignature)));
        }
    }

    private void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        answered.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        send(exchange, status, type, body);
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    public static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
