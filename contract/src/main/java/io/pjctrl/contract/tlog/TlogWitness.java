package io.pjctrl.contract.tlog;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The rules of C2SP tlog-witness {@code add-checkpoint} as a pure function, and its response bodies, so that the
 * witness and the log that submits to it share one definition. The witness looks up, by the submitted checkpoint's
 * origin, the log keys it trusts and the latest checkpoint it cosigned, calls {@link #check}, and only on
 * {@link Verdict#accepted()} cosigns and stores the checkpoint, atomically with the check of the old size.
 */
public final class TlogWitness {

    /** Path of the submission endpoint below the submission prefix. */
    public static final String ADD_CHECKPOINT = "add-checkpoint";
    /** Content type of the 409 body that tells the latest cosigned size. */
    public static final String SIZE_CONTENT_TYPE = "text/x.tlog.size";

    private TlogWitness() {
    }

    /**
     * The witness's answer to a parsed request: {@code status} is the HTTP status the spec prescribes; for 409,
     * {@code latestSize} is the size to report; for 200, {@code checkpoint} is what to cosign.
     */
    public record Verdict(int status, String reason, OptionalLong latestSize, Optional<Checkpoint> checkpoint) {

        public boolean accepted() {
            return status == 200;
        }

        /** The 409 body: the latest cosigned size in decimal and a newline. */
        public String conflictBody() {
            return latestSize.orElseThrow(() -> new IllegalStateException("not a 409 verdict")) + "\n";
        }

        static Verdict reject(int status, String reason) {
            return new Verdict(status, reason, OptionalLong.empty(), Optional.empty());
        }
    }

    /**
     * Applies the add-checkpoint checks in the spec's order: unknown origin (no trusted keys) 404; no valid signature
     * by a trusted key, or a failing one, 403; old size above the checkpoint size 400; old size other than the latest
     * cosigned size (0 when none) 409; size 0 with a root other than the empty root 422; a non-empty proof from size
     * 0, a proof that does not verify, or equal sizes with different roots 422; otherwise 200.
     *
     * @param latest the checkpoint this witness last cosigned for the origin, its root trusted (it checked it)
     */
    public static Verdict check(AddCheckpointRequest request, List<VerifierKey> trustedLogKeys,
            Optional<Checkpoint> latest) {
        SignedNote note = request.note();
        Checkpoint checkpoint = Checkpoint.parse(note.text());
        if (trustedLogKeys.isEmpty()) {
            return Verdict.reject(404, "unknown origin " + checkpoint.origin());
        }
        Optional<String> signatureProblem = signatureProblem(note, trustedLogKeys);
        if (signatureProblem.isPresent()) {
            return Verdict.reject(403, signatureProblem.get());
        }
        if (request.oldSize() > checkpoint.size()) {
            return Verdict.reject(400, "old size " + request.oldSize() + " exceeds checkpoint size "
                    + checkpoint.size());
        }
        long latestSize = latest.map(Checkpoint::size).orElse(0L);
        if (request.oldSize() != latestSize) {
            return new Verdict(409, "old size " + request.oldSize() + " is not the latest cosigned size "
                    + latestSize, OptionalLong.of(latestSize), Optional.empty());
        }
        Optional<String> consistencyProblem = consistencyProblem(request, checkpoint, latest);
        if (consistencyProblem.isPresent()) {
            return Verdict.reject(422, consistencyProblem.get());
        }
        return new Verdict(200, "consistent", OptionalLong.empty(), Optional.of(checkpoint));
    }

    /** The 200 body: the witness's cosignature lines. */
    public static String formatCosignatures(List<NoteSignature> cosignatures) {
        if (cosignatures.isEmpty()) {
            throw new IllegalArgumentException("a 200 response carries at least one cosignature");
        }
        StringBuilder body = new StringBuilder();
        cosignatures.forEach(signature -> body.append(signature.line()));
        return body.toString();
    }

    /** Parses a 200 body into its signature lines (verify them with {@link NoteSigning#verify}). */
    public static List<NoteSignature> parseCosignatures(String body) {
        if (body.isEmpty() || !body.endsWith("\n")) {
            throw new IllegalArgumentException("cosignature response must be signature lines ending in newlines");
        }
        List<NoteSignature> signatures = new ArrayList<>();
        for (String line : body.substring(0, body.length() - 1).split("\n", -1)) {
            signatures.add(SignedNote.parseLine(line));
        }
        return signatures;
    }

    /** Parses a 409 body ({@code text/x.tlog.size}). */
    public static long parseConflictBody(String body) {
        if (!body.matches("(0|[1-9][0-9]{0,18})\n")) {
            throw new IllegalArgumentException("a tlog size body is a decimal and a newline, got '" + body + "'");
        }
        return Long.parseLong(body.substring(0, body.length() - 1));
    }

    private static Optional<String> signatureProblem(SignedNote note, List<VerifierKey> trustedLogKeys) {
        boolean verified = false;
        for (VerifierKey key : trustedLogKeys) {
            for (NoteSignature signature : note.signaturesBy(key)) {
                try {
                    NoteSigning.verify(key, note.text(), signature);
                    verified = true;
                } catch (InvalidSignatureException e) {
                    return Optional.of(e.getMessage());
                }
            }
        }
        return verified ? Optional.empty() : Optional.of("no signature by a trusted key of the origin");
    }

    private static Optional<String> consistencyProblem(AddCheckpointRequest request, Checkpoint checkpoint,
            Optional<Checkpoint> latest) {
        if (checkpoint.size() == 0 && !MessageDigest.isEqual(checkpoint.rootHash(), Rfc6962.emptyRoot())) {
            return Optional.of("a checkpoint of size 0 must have the empty tree's root");
        }
        if (request.oldSize() == 0) {
            return request.consistencyProof().isEmpty()
                    ? Optional.empty()
                    : Optional.of("the proof from size 0 must be empty");
        }
        byte[] oldRoot = latest.orElseThrow().rootHash();
        try {
            ProofVerifier.verifyConsistency(request.oldSize(), checkpoint.size(), request.consistencyProof(), oldRoot,
                    checkpoint.rootHash());
            return Optional.empty();
        } catch (InvalidProofException e) {
            return Optional.of(e.getMessage());
        }
    }
}
