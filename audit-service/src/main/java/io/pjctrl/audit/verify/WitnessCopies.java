package io.pjctrl.audit.verify;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.pjctrl.audit.AuditServiceConfig;
import io.pjctrl.contract.tlog.Checkpoint;
import io.pjctrl.contract.tlog.InvalidSignatureException;
import io.pjctrl.contract.tlog.NoteSignature;
import io.pjctrl.contract.tlog.NoteSigning;
import io.pjctrl.contract.tlog.SignedNote;
import io.pjctrl.contract.tlog.VerifierKey;
import io.smallrye.mutiny.Uni;

/**
 * Reads what each configured witness holds for an origin, per C2SP tlog-witness's monitoring endpoint
 * {@code GET <url>/<hex SHA-256 of the origin>/checkpoint}, and keeps it only when the witness's own cosignature
 * (its configured vkey) verifies over it: that checkpoint is what the witness will hold the log to.
 */
@ApplicationScoped
public class WitnessCopies {

    /** What one witness answered for one origin. */
    record Answer(String source, HeldNote held, String problem) {

        static Answer none(String source) {
            return new Answer(source, null, null);
        }

        static Answer unavailable(String source, String problem) {
            return new Answer(source, null, problem);
        }
    }

    private record Witness(String url, VerifierKey key) {
    }

    private final List<Witness> witnesses;
    private final Duration timeout;
    private final HttpClient http;

    public WitnessCopies(AuditServiceConfig config) {
        this.witnesses = config.witnesses()
                .orElse(List.of())
                .stream()
                .map(w -> new Witness(w.url().replaceAll("/+$", ""), VerifierKey.parse(w.verifierKey())))
                .toList();
        this.timeout = config.verify().topicTimeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    boolean configured() {
        return !witnesses.isEmpty();
    }

    /** One answer per configured witness, in configuration order. */
    Uni<List<Answer>> held(String origin) {
        if (witnesses.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.join().all(witnesses.stream().map(w -> held(w, origin)).toList()).andFailFast();
    }

    private Uni<Answer> held(Witness witness, String origin) {
        String source = "witness " + witness.url();
        HttpRequest request = HttpRequest.newBuilder(URI.create(witness.url() + "/" + originHash(origin) + "/checkpoint"))
                .timeout(timeout)
                .GET()
                .build();
        return Uni.createFrom()
                .completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()))
                .map(response -> answer(witness, source, origin, response))
                .onFailure()
                .recoverWithItem(e -> Answer.unavailable(source, "no answer: " + e));
    }

    private static Answer answer(Witness witness, String source, String origin, HttpResponse<byte[]> response) {
        if (response.statusCode() == 404) {
            return Answer.none(source);
        }
        if (response.statusCode() != 200) {
            return Answer.unavailable(source, "answered HTTP " + response.statusCode());
        }
        try {
            SignedNote note = SignedNote.parse(response.body());
            Checkpoint checkpoint = Checkpoint.parse(note.text());
            if (!checkpoint.origin().equals(origin)) {
                return Answer.unavailable(source, "answered a checkpoint of origin " + checkpoint.origin());
            }
            List<NoteSignature> cosignatures = note.signaturesBy(witness.key());
            if (cosignatures.isEmpty()) {
                return Answer.unavailable(source, "answered a checkpoint without its cosignature by "
                        + witness.key().name());
            }
            for (NoteSignature cosignature : cosignatures) {
                NoteSigning.verify(witness.key(), note.text(), cosignature);
            }
            return new Answer(source, new HeldNote(source, note, checkpoint), null);
        } catch (IllegalArgumentException | InvalidSignatureException e) {
            return Answer.unavailable(source, "answered a checkpoint that does not verify: " + e.getMessage());
        }
    }

    static String originHash(String origin) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(origin.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
