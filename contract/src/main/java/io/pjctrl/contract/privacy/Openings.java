package io.pjctrl.contract.privacy;

import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pjctrl.contract.chain.Jcs;

/**
 * The three forms a personal value takes outside the hash input, and the walks between them (docs/integrity.md
 * §18): the commitment {@code {"$commit":c}} (stored, hashed, and exported once the value is erased), the opening
 * {@code {"$value":v,"$salt":s}} (exported while the value is kept) and the marker {@code {"$erased":true}} (API
 * reads after erasure; never hashed). Only the ingest writes these objects: it refuses events that contain any of
 * their property names ({@link #reservedKey}), so finding one at any depth is unambiguous.
 */
public final class Openings {

    private static final Set<String> RESERVED = Set.of(Commitments.COMMIT, Commitments.VALUE, Commitments.SALT,
            Commitments.ERASED);

    private Openings() {
    }

    /** The first reserved property name ({@code $commit}, {@code $value}, {@code $salt}, {@code $erased}) at any depth, or null. */
    public static String reservedKey(JsonNode node) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                if (RESERVED.contains(field.getKey())) {
                    return field.getKey();
                }
                String inner = reservedKey(field.getValue());
                if (inner != null) {
                    return inner;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                String inner = reservedKey(element);
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    /** The commitment a stored object holds ({@code {"$commit":c}}: c), or null for any other value. */
    public static String commitment(JsonNode node) {
        if (node != null && node.isObject() && node.size() == 1 && node.path(Commitments.COMMIT).isTextual()) {
            return node.get(Commitments.COMMIT).textValue();
        }
        return null;
    }

    /**
     * A copy of {@code node} with every commitment object replaced by {@code replacement.apply(path, commitment)}
     * ({@code path}: {@code rootPath} and the property names down to it, joined by dots).
     */
    public static JsonNode replaceCommitments(JsonNode node, String rootPath,
            BiFunction<String, String, JsonNode> replacement) {
        String commitment = commitment(node);
        if (commitment != null) {
            return replacement.apply(rootPath, commitment);
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        node.fields().forEachRemaining(f -> copy.set(f.getKey(),
                replaceCommitments(f.getValue(), rootPath + "." + f.getKey(), replacement)));
        return copy;
    }

    /** The opening object of an export: {@code {"$salt":"<base64>","$value":<value>}}. */
    public static ObjectNode opening(String canonicalValue, byte[] salt) {
        ObjectNode opening = JsonNodeFactory.instance.objectNode();
        opening.put(Commitments.SALT, Base64.getEncoder().encodeToString(salt));
        opening.set(Commitments.VALUE, Jcs.parse(canonicalValue));
        return opening;
    }

    /**
     * The value a node shows a reader: an opening's {@code $value}; null for a bare commitment or an erased value (the
     * value is not known); the node itself for anything else.
     */
    public static JsonNode revealed(JsonNode node) {
        if (node != null && node.isObject()) {
            if (node.has(Commitments.VALUE) && node.path(Commitments.SALT).isTextual()) {
                return node.get(Commitments.VALUE);
            }
            if (node.has(Commitments.COMMIT) || node.has(Commitments.ERASED)) {
                return null;
            }
        }
        return node;
    }

    /** The marker of an erased value in API reads. */
    public static ObjectNode erased() {
        return JsonNodeFactory.instance.objectNode().put(Commitments.ERASED, true);
    }

    /**
     * What a verifier hashes: a copy of {@code node} with every opening ({@code {"$value":v,"$salt":s}}, exactly these
     * two properties) folded back into its commitment {@code {"$commit":c}}. A salt that is not base64 of 32 bytes is
     * an {@link IllegalArgumentException}; a {@code $erased} marker too (an export never carries one: it cannot be
     * hashed).
     */
    public static JsonNode fold(JsonNode node) {
        if (node.isObject()) {
            if (node.has(Commitments.ERASED)) {
                throw new IllegalArgumentException("an $erased marker cannot be verified; exports carry the commitment");
            }
            if (node.size() == 2 && node.has(Commitments.VALUE) && node.path(Commitments.SALT).isTextual()) {
                byte[] salt = Base64.getDecoder().decode(node.get(Commitments.SALT).textValue());
                String commitment = Commitments.commit(salt, Jcs.canonicalize(node.get(Commitments.VALUE)));
                return JsonNodeFactory.instance.objectNode().put(Commitments.COMMIT, commitment);
            }
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(f -> copy.set(f.getKey(), fold(f.getValue())));
            return copy;
        }
        if (node.isArray()) {
            var copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(fold(element)));
            return copy;
        }
        return node;
    }
}
