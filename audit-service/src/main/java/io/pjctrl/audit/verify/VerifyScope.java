package io.pjctrl.audit.verify;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import io.pjctrl.audit.web.InvalidParameterException;
import io.pjctrl.contract.tlog.Checkpoint;
import io.pjctrl.contract.tlog.SignedNote;

/**
 * A validated {@link VerifyRequest}: seq bounds always set (1 and Long.MAX_VALUE when open), held checkpoints parsed
 * (their signatures are checked by {@link LogKeys} once the log's keys are known), reconciliation on or off.
 */
record VerifyScope(String chainId, long fromSeq, long toSeq, List<HeldNote> held, boolean reconcile) {

    /** Most held checkpoints one request may carry. */
    static final int MAX_HELD = 1000;
    private static final Set<String> FIELDS = Set.of("chain_id", "from_seq", "to_seq", "held_checkpoints", "reconcile");

    VerifyScope(String chainId, long fromSeq, long toSeq) {
        this(chainId, fromSeq, toSeq, List.of(), false);
    }

    /**
     * Reads the body field by field (not by data binding) so that a wrong type or an unknown field is a 400 naming
     * it, like every other bad input of the API.
     */
    static VerifyScope of(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            return of(new VerifyRequest(null, null, null));
        }
        if (!body.isObject()) {
            throw new InvalidParameterException("body", "the body must be a JSON object");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new InvalidParameterException(name, "unknown field " + name + "; known: " + FIELDS);
            }
        }
        return of(new VerifyRequest(text(body, "chain_id"), number(body, "from_seq"), number(body, "to_seq"),
                notes(body), bool(body, "reconcile")));
    }

    private static String text(JsonNode body, String field) {
        return field(body, field, JsonNode::isTextual, "a string", JsonNode::asText);
    }

    private static Long number(JsonNode body, String field) {
        return field(body, field, value -> value.isIntegralNumber() && value.canConvertToLong(), "an integer",
                JsonNode::asLong);
    }

    private static Boolean bool(JsonNode body, String field) {
        return field(body, field, JsonNode::isBoolean, "true or false", JsonNode::asBoolean);
    }

    /** The optional field's value (null when absent or null); a 400 naming the field when it is of another type. */
    private static <T> T field(JsonNode body, String field, Predicate<JsonNode> typed, String expected,
            Function<JsonNode, T> read) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!typed.test(value)) {
            throw new InvalidParameterException(field, field + " must be " + expected);
        }
        return read.apply(value);
    }

    private static List<String> notes(JsonNode body) {
        JsonNode value = body.get("held_checkpoints");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw new InvalidParameterException("held_checkpoints", "held_checkpoints must be an array of signed notes");
        }
        if (value.size() > MAX_HELD) {
            throw new InvalidParameterException("held_checkpoints", "at most " + MAX_HELD + " held checkpoints");
        }
        List<String> notes = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isTextual()) {
                throw new InvalidParameterException("held_checkpoints[" + i + "]", "held_checkpoints[" + i
                        + "] must be a string holding a signed checkpoint note");
            }
            notes.add(value.get(i).asText());
        }
        return notes;
    }

    static VerifyScope of(VerifyRequest request) {
        VerifyRequest r = request == null ? new VerifyRequest(null, null, null) : request;
        String chain = r.chainId() == null || r.chainId().isBlank() ? null : r.chainId().trim();
        if (chain != null && chain.length() > 64) {
            throw new InvalidParameterException("chain_id", "chain_id is longer than 64 characters");
        }
        long from = r.fromSeq() == null ? 1 : r.fromSeq();
        long to = r.toSeq() == null ? Long.MAX_VALUE : r.toSeq();
        if (from < 1) {
            throw new InvalidParameterException("from_seq", "from_seq must be at least 1");
        }
        if (to < 1) {
            throw new InvalidParameterException("to_seq", "to_seq must be at least 1");
        }
        if (from > to) {
            throw new InvalidParameterException("from_seq", "from_seq must not be greater than to_seq");
        }
        return new VerifyScope(chain, from, to, held(r.heldCheckpoints()), Boolean.TRUE.equals(r.reconcile()));
    }

    /** Parses each note strictly (signed-note framing, tlog-checkpoint body); which chain it is for comes later. */
    private static List<HeldNote> held(List<String> notes) {
        if (notes == null) {
            return List.of();
        }
        List<HeldNote> held = new ArrayList<>(notes.size());
        for (int i = 0; i < notes.size(); i++) {
            String field = "held_checkpoints[" + i + "]";
            try {
                SignedNote note = SignedNote.parse(notes.get(i));
                held.add(new HeldNote(field, note, Checkpoint.parse(note.text())));
            } catch (IllegalArgumentException e) {
                throw new InvalidParameterException(field, field + " is not a signed checkpoint note: " + e.getMessage());
            }
        }
        return held;
    }

    /** True when every entry of every chain is in scope (so log-wide checks such as version gaps apply). */
    boolean wholeLog() {
        return chainId == null && fromSeq == 1 && toSeq == Long.MAX_VALUE;
    }

    /** True when the walk starts at the chain's first entry, so it can rebuild the whole tree from the entries. */
    boolean fromGenesis() {
        return fromSeq == 1;
    }
}
