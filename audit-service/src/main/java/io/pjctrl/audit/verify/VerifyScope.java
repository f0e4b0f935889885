package io.pjctrl.audit.verify;

import java.util.Iterator;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.pjctrl.audit.web.InvalidParameterException;

/** A validated {@link VerifyRequest}: seq bounds always set (1 and Long.MAX_VALUE when open). */
record VerifyScope(String chainId, long fromSeq, long toSeq) {

    private static final Set<String> FIELDS = Set.of("chain_id", "from_seq", "to_seq");

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
        return of(new VerifyRequest(text(body, "chain_id"), number(body, "from_seq"), number(body, "to_seq")));
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidParameterException(field, field + " must be a string");
        }
        return value.asText();
    }

    private static Long number(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new InvalidParameterException(field, field + " must be an integer");
        }
        return value.asLong();
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
        return new VerifyScope(chain, from, to);
    }

    /** True when every entry of every chain is in scope (so log-wide checks such as version gaps apply). */
    boolean wholeLog() {
        return chainId == null && fromSeq == 1 && toSeq == Long.MAX_VALUE;
    }
}
