package io.pjctrl.contract.tlog;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The body of a C2SP tlog-witness {@code POST <submission prefix>/add-checkpoint}:
 *
 * <pre>
 * old &lt;size of the checkpoint the witness last cosigned, 0 if none&gt;
 * &lt;base64 consistency proof hash&gt;     (0 to 63 lines, from the old size to the checkpoint's size)
 *                                       (empty line)
 * &lt;the signed checkpoint note&gt;
 * </pre>
 *
 * Parsing checks the framing (a malformed body is a 400); {@link TlogWitness#check} applies the protocol's rules.
 */
public record AddCheckpointRequest(long oldSize, List<byte[]> consistencyProof, String checkpointNote) {

    /** Consistency proof lines a client may send at most. */
    public static final int MAX_PROOF_LINES = 63;

    private static final Pattern OLD = Pattern.compile("old (0|[1-9][0-9]{0,18})");

    public AddCheckpointRequest {
        TreeMath.requireSize(oldSize, "old size");
        consistencyProof = consistencyProof.stream().map(byte[]::clone).toList();
        consistencyProof.forEach(hash -> Rfc6962.requireHash(hash, "consistency proof hash"));
        if (consistencyProof.size() > MAX_PROOF_LINES) {
            throw new IllegalArgumentException("at most " + MAX_PROOF_LINES + " consistency proof lines, got "
                    + consistencyProof.size());
        }
        if (checkpointNote == null || checkpointNote.isEmpty() || !checkpointNote.endsWith("\n")) {
            throw new IllegalArgumentException("checkpoint note must be non-empty and end in a newline");
        }
    }

    public String format() {
        StringBuilder body = new StringBuilder("old ").append(oldSize).append('\n');
        consistencyProof.forEach(hash -> body.append(Base64.getEncoder().encodeToString(hash)).append('\n'));
        return body.append('\n').append(checkpointNote).toString();
    }

    /** The submitted note, parsed (framing only: its signatures are not verified here). */
    public SignedNote note() {
        return SignedNote.parse(checkpointNote);
    }

    /** The submitted checkpoint, parsed from the note's text. */
    public Checkpoint checkpoint() {
        return Checkpoint.parse(note().text());
    }

    /** Parses a request body; throws {@link IllegalArgumentException} (answer 400) when it is malformed. */
    public static AddCheckpointRequest parse(String body) {
        int end = body.indexOf('\n');
        if (end < 0 || !OLD.matcher(body.substring(0, end)).matches()) {
            throw new IllegalArgumentException("add-checkpoint body must start with 'old <decimal without leading"
                    + " zeroes>'");
        }
        long oldSize;
        try {
            oldSize = Long.parseLong(body.substring(4, end));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("old size beyond 2^63 - 1");
        }
        List<byte[]> proof = new ArrayList<>();
        int at = end + 1;
        while (true) {
            int next = body.indexOf('\n', at);
            if (next < 0) {
                throw new IllegalArgumentException("add-checkpoint body has no empty line before its checkpoint");
            }
            if (next == at) {
                break;
            }
            if (proof.size() == MAX_PROOF_LINES) {
                throw new IllegalArgumentException("more than " + MAX_PROOF_LINES + " consistency proof lines");
            }
            proof.add(Checkpoint.decodeHash(body.substring(at, next), "consistency proof line " + proof.size()));
            at = next + 1;
        }
        String note = body.substring(at + 1);
        SignedNote.parse(note);
        return new AddCheckpointRequest(oldSize, proof, note);
    }
}
