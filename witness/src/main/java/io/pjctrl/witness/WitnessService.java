package io.pjctrl.witness;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.pjctrl.contract.tlog.AddCheckpointRequest;
import io.pjctrl.contract.tlog.Checkpoint;
import io.pjctrl.contract.tlog.NoteSignature;
import io.pjctrl.contract.tlog.SignedNote;
import io.pjctrl.contract.tlog.TlogWitness;
import io.pjctrl.contract.tlog.VerifierKey;
import io.quarkus.logging.Log;

/**
 * C2SP tlog-witness {@code add-checkpoint}: {@link TlogWitness#check} decides, this class cosigns and stores the
 * accepted checkpoint with a compare-and-swap against the state it was checked with. A lost swap means another
 * submission changed the state in between: the request is checked again against the new state (usually a 409).
 */
@ApplicationScoped
public class WitnessService {

    /** Swaps lost in a row before giving up with 503; each loss needs a concurrent accepted submission. */
    static final int MAX_ATTEMPTS = 5;

    private final TrustedLogs logs;
    private final WitnessKey key;
    private final CheckpointRepository checkpoints;
    private final MeterRegistry metrics;
    private final Clock clock = Clock.systemUTC();

    public WitnessService(TrustedLogs logs, WitnessKey key, CheckpointRepository checkpoints, MeterRegistry metrics) {
        this.logs = logs;
        this.key = key;
        this.checkpoints = checkpoints;
        this.metrics = metrics;
    }

    public AddCheckpointOutcome addCheckpoint(byte[] body) {
        AddCheckpointOutcome outcome = decide(body);
        metrics.counter("pjctrl.witness.add_checkpoint", "status", Integer.toString(outcome.status())).increment();
        return outcome;
    }

    /** The latest cosigned checkpoint of the origin whose SHA-256 is {@code originHash} (lowercase hex). */
    public Optional<String> latestNote(String originHash) {
        return checkpoints.latestByOriginHash(originHash).map(HeldCheckpoint::note);
    }

    public VerifierKey vkey() {
        return key.vkey();
    }

    private AddCheckpointOutcome decide(byte[] body) {
        AddCheckpointRequest request;
        Checkpoint submitted;
        try {
            request = AddCheckpointRequest.parse(utf8(body));
            submitted = request.checkpoint();
        } catch (IllegalArgumentException e) {
            String reason = "malformed request: " + printable(e.getMessage());
            Log.warnf("add-checkpoint refused 400: %s", reason);
            return AddCheckpointOutcome.refused(400, reason);
        }
        List<VerifierKey> trusted = logs.keysOf(submitted.origin());
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<HeldCheckpoint> held = checkpoints.latest(submitted.origin());
            TlogWitness.Verdict verdict = TlogWitness.check(request, trusted, held.map(HeldCheckpoint::checkpoint));
            if (!verdict.accepted()) {
                return refuse(verdict, submitted, request.oldSize());
            }
            Optional<AddCheckpointOutcome> cosigned = cosignAndStore(request.note(), submitted, trusted, held);
            if (cosigned.isPresent()) {
                return cosigned.get();
            }
            Log.infof("add-checkpoint for %s lost a concurrent update (attempt %d): checking again", submitted.origin(),
                    attempt);
        }
        return AddCheckpointOutcome.refused(503, "too many concurrent submissions for " + submitted.origin());
    }

    private Optional<AddCheckpointOutcome> cosignAndStore(SignedNote note, Checkpoint submitted,
            List<VerifierKey> trusted, Optional<HeldCheckpoint> held) {
        Instant now = clock.instant();
        NoteSignature cosignature = key.cosign(note.text(), now.getEpochSecond());
        List<NoteSignature> kept = new ArrayList<>();
        trusted.forEach(logKey -> kept.addAll(note.signaturesBy(logKey)));
        kept.add(cosignature);
        String stored = new SignedNote(note.text(), kept).format();
        boolean swapped = held.isEmpty()
                ? checkpoints.insertFirst(submitted, stored, now)
                : checkpoints.advance(held.get(), submitted, stored, now);
        if (!swapped) {
            return Optional.empty();
        }
        Log.infof("Cosigned %s at size %d (was %d)", submitted.origin(), submitted.size(),
                held.map(h -> h.checkpoint().size()).orElse(0L));
        return Optional.of(AddCheckpointOutcome.cosigned(TlogWitness.formatCosignatures(List.of(cosignature))));
    }

    private static AddCheckpointOutcome refuse(TlogWitness.Verdict verdict, Checkpoint submitted, long oldSize) {
        // 422 is evidence of log misbehaviour (a validly signed checkpoint inconsistent with the one we hold).
        String message = "add-checkpoint refused %d for origin %s (old %d, size %d): %s";
        if (verdict.status() == 422) {
            Log.errorf(message, verdict.status(), submitted.origin(), oldSize, submitted.size(), verdict.reason());
        } else {
            Log.warnf(message, verdict.status(), submitted.origin(), oldSize, submitted.size(), verdict.reason());
        }
        if (verdict.status() == 409) {
            return new AddCheckpointOutcome(409, verdict.reason(), verdict.conflictBody());
        }
        return AddCheckpointOutcome.refused(verdict.status(), verdict.reason());
    }

    /** Parse errors may quote the input: no control characters (log lines stay one line), at most 200 chars. */
    static String printable(String text) {
        String clean = String.valueOf(text).replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 200 ? clean : clean.substring(0, 200) + "...";
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("body is not valid UTF-8");
        }
    }
}
