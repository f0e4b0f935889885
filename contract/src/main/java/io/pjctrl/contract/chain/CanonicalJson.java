package io.pjctrl.contract.chain;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A JSON value held in its RFC 8785 canonical text: immutable, and valid JSON to store (PostgreSQL jsonb) as it is.
 * Build it from any JSON text or tree; the text of two equal values is byte for byte the same.
 */
public record CanonicalJson(String text) {

    public CanonicalJson {
        if (text == null) {
            throw new IllegalArgumentException("canonical JSON text is null");
        }
    }

    /** Canonicalizes any JSON text (e.g. what PostgreSQL returns for a jsonb column). */
    public static CanonicalJson parse(String json) {
        return new CanonicalJson(Jcs.canonicalize(json));
    }

    public static CanonicalJson of(JsonNode node) {
        return new CanonicalJson(Jcs.canonicalize(node));
    }

    @Override
    public String toString() {
        return text;
    }
}
