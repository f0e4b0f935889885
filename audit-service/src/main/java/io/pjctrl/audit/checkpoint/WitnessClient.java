package io.pjctrl.audit.checkpoint;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongFunction;

import io.pjctrl.contract.tlog.AddCheckpointRequest;
import io.pjctrl.contract.tlog.InvalidSignatureException;
import io.pjctrl.contract.tlog.NoteSignature;
import io.pjctrl.contract.tlog.NoteSigning;
import io.pjctrl.contract.tlog.SignedNote;
import io.pjctrl.contract.tlog.TlogWitness;
import io.pjctrl.contract.tlog.VerifierKey;
import io.smallrye.mutiny.Uni;

/**
 * The log's side of C2SP tlog-witness for one witness: {@code POST <url>/add-checkpoint} with the old size the witness
 * is believed to hold and the consistency proof from it; on 409 once more from the size the witness reports (it
 * knows best, e.g. after another replica submitted). A 200's lines are verified with the witness's configured vkey:
 * only a verified cosignature/v1 line comes back as {@link WitnessOutcome.Kind#COSIGNED}. The request and the
 * witness's answers carry hashes and sizes only; nothing secret is sent or logged.
 */
public final class WitnessClient {

    /** How much of a refusal's body is kept in the outcome (it comes from another party: bounded, one line). */
    private static final int MAX_DETAIL = 200;

    private final URI addCheckpoint;
    private final VerifierKey key;
    private final HttpClient http;
    private final Duration timeout;

    public WitnessClient(String url, VerifierKey key, HttpClient http, Duration timeout) {
        if (key.type() != VerifierKey.TYPE_COSIGNATURE_V1) {
            throw new IllegalArgumentException("witness key " + key.name() + " must be a cosignature/v1 vkey (type 0x04)");
        }
        String prefix = url.endsWith("/") ? url : url + "/";
        this.addCheckpoint = URI.create(prefix + TlogWitness.ADD_CHECKPOINT);
        this.key = key;
        this.http = http;
        this.timeout = timeout;
    }

    public VerifierKey key() {
        return key;
    }

    /** {@code <name>+<hex key ID>}: the witness's identity in logs, metrics and the cosignature table. */
    public String id() {
        return key.name() + "+" + String.format("%08x", key.keyId());
    }

    /**
     * Submits {@code signedNote} (a checkpoint of size {@code size}) from {@code oldSize}; {@code proofs} gives the
     * consistency proof from a size to {@code size} (empty from 0), asked again with the witness's size after a 409.
     */
    public Uni<WitnessOutcome> submit(String signedNote, long size, long oldSize,
            LongFunction<Uni<List<byte[]>>> proofs) {
        String text = SignedNote.parse(signedNote).text();
        return post(signedNote, oldSize, proofs)
                .chain(first -> {
                    OptionalLong held = heldSize(first);
                    if (held.isEmpty()) {
                        return Uni.createFrom().item(interpret(first, text, oldSize));
                    }
                    long witnessSize = held.getAsLong();
                    if (witnessSize > size) {
                        return Uni.createFrom().item(WitnessOutcome.refused(409, oldSize, "the witness holds size "
                                + witnessSize + ", larger than this checkpoint's " + size));
                    }
                    if (witnessSize == oldSize) {
                        return Uni.createFrom().item(WitnessOutcome.refused(409, oldSize,
                                "the witness answered 409 with the old size sent (" + oldSize + ")"));
                    }
                    return post(signedNote, witnessSize, proofs).map(second -> interpret(second, text, witnessSize));
                })
                .onFailure(e -> !(e instanceof Error))
                .recoverWithItem(e -> WitnessOutcome.unreachable(oldSize, describe(e)));
    }

    private Uni<HttpResponse<String>> post(String signedNote, long oldSize, LongFunction<Uni<List<byte[]>>> proofs) {
        Uni<List<byte[]>> proof = oldSize == 0 ? Uni.createFrom().item(List.of()) : proofs.apply(oldSize);
        return proof.chain(hashes -> {
            String body = new AddCheckpointRequest(oldSize, hashes, signedNote).format();
            HttpRequest request = HttpRequest.newBuilder(addCheckpoint)
                    .timeout(timeout)
                    .header("Content-Type", "text/plain; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
            return Uni.createFrom().completionStage(() -> http.sendAsync(request,
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
        });
    }

    /** The size a 409 reports, empty for any other answer (a 409 without a size body is a refusal). */
    private static OptionalLong heldSize(HttpResponse<String> response) {
        if (response.statusCode() != 409) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(TlogWitness.parseConflictBody(response.body()));
        } catch (IllegalArgumentException e) {
            return OptionalLong.empty();
        }
    }

    private WitnessOutcome interpret(HttpResponse<String> response, String text, long oldSize) {
        if (response.statusCode() != 200) {
            return WitnessOutcome.refused(response.statusCode(), oldSize, "answered " + response.statusCode() + ": "
                    + printable(response.body()));
        }
        List<NoteSignature> lines;
        try {
            lines = TlogWitness.parseCosignatures(response.body());
        } catch (IllegalArgumentException e) {
            return WitnessOutcome.refused(200, oldSize, "answered 200 without cosignature lines: " + e.getMessage());
        }
        List<NoteSignature> ours = lines.stream().filter(line -> line.isBy(key)).toList();
        if (ours.isEmpty()) {
            return WitnessOutcome.refused(200, oldSize, "answered 200 without a cosignature by " + id());
        }
        try {
            long timestamp = NoteSigning.verify(key, text, ours.get(0)).orElseThrow();
            return WitnessOutcome.cosigned(oldSize, ours.get(0), timestamp);
        } catch (InvalidSignatureException e) {
            return WitnessOutcome.refused(200, oldSize, "cosignature does not verify: " + e.getMessage());
        }
    }

    private static String describe(Throwable e) {
        Throwable cause = e.getCause() != null && e instanceof java.util.concurrent.CompletionException ? e.getCause() : e;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + printable(cause.getMessage()));
    }

    private static String printable(String text) {
        String clean = String.valueOf(text).replaceAll("\\p{Cntrl}", " ").strip();
        return clean.length() <= MAX_DETAIL ? clean : clean.substring(0, MAX_DETAIL) + "...";
    }
}
