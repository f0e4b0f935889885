package io.pjctrl.contract.chain;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.erdtman.jcs.NumberToJSON;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * RFC 8785 JSON Canonicalization Scheme (JCS) over Jackson trees.
 *
 * <p>
 * Structure, property order (UTF-16 code units, which is {@link String#compareTo}) and string escaping are written
 * here; numbers go through the ECMAScript {@code Number.prototype.toString} algorithm of the reference
 * implementation's port ({@link NumberToJSON}), because Java's {@code Double.toString} differs from it. Every
 * number is taken as an IEEE 754 double first, as RFC 8785 requires, so {@code 1.0}, {@code 1e0} and {@code 1} are
 * all {@code 1}.
 *
 * <p>
 * Input that RFC 8785 (I-JSON) forbids is refused with {@link NotCanonicalizableException}: NaN/Infinity (also
 * numbers too large for a double), lone surrogates, duplicate property names. U+0000 is refused too, since
 * PostgreSQL jsonb cannot store it and the stored entry must be re-hashable.
 */
public final class Jcs {

    /** Strict parser: duplicate keys fail, numbers keep their exact text until converted to double here. */
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    static {
        STRICT.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNumberLength(10_000).build());
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Jcs() {
    }

    /** Parses JSON text strictly (duplicate keys and trailing content refused) and returns its canonical form. */
    public static String canonicalize(String json) {
        return canonicalize(parse(json));
    }

    /** Parses JSON text strictly, for callers that canonicalize the tree later. */
    public static JsonNode parse(String json) {
        try {
            return STRICT.readTree(json);
        } catch (JsonProcessingException e) {
            throw new NotCanonicalizableException("not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static String canonicalize(JsonNode node) {
        StringBuilder out = new StringBuilder(256);
        write(node, out);
        return out.toString();
    }

    /** Appends the canonical form of {@code node} to {@code out}. */
    public static void write(JsonNode node, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> writeObject(node, out);
            case ARRAY -> writeArray(node, out);
            case STRING -> writeString(node.textValue(), out);
            case NUMBER -> writeNumber(node, out);
            case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
            case NULL -> out.append("null");
            default -> throw new NotCanonicalizableException("not a JSON value: " + node.getNodeType());
        }
    }

    /** Appends a JSON string literal escaped as ECMAScript JSON.stringify does (RFC 8785 section 3.2.2.2). */
    public static void writeString(String value, StringBuilder out) {
        out.append('"');
        int length = value.length();
        // Most strings need no escaping at all: copy the run of plain characters in one append (the per-character
        // appends were the verify walk's hottest frame), and go character by character only from the first that
        // needs attention.
        int plain = 0;
        while (plain < length && isPlain(value.charAt(plain))) {
            plain++;
        }
        out.append(value, 0, plain);
        for (int i = plain; i < length; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\0' -> throw new NotCanonicalizableException("U+0000 is not allowed in strings");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else if (Character.isHighSurrogate(c)) {
                        if (i + 1 >= length || !Character.isLowSurrogate(value.charAt(i + 1))) {
                            throw new NotCanonicalizableException("lone surrogate in string");
                        }
                        out.append(c).append(value.charAt(++i));
                    } else if (Character.isLowSurrogate(c)) {
                        throw new NotCanonicalizableException("lone surrogate in string");
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Copied as is: not a control character, quote, backslash or half of a surrogate pair. */
    private static boolean isPlain(char c) {
        return c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c);
    }

    /** Serializes a double as ECMAScript's Number.prototype.toString (RFC 8785 section 3.2.2.3). */
    public static String serializeNumber(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new NotCanonicalizableException("number out of IEEE 754 double range or not finite");
        }
        if (value == 0) {
            return "0"; // also -0
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value); // fast path, same result as the general algorithm
        }
        try {
            return NumberToJSON.serializeNumber(value);
        } catch (IOException e) {
            throw new NotCanonicalizableException("number cannot be serialized: " + value, e);
        }
    }

    private static void writeNumber(JsonNode node, StringBuilder out) {
        if (node.canConvertToLong() && node.isIntegralNumber()) {
            long v = node.longValue();
            if (Math.abs(v) < 1L << 53) {
                out.append(v);
                return;
            }
        }
        // BigDecimal/BigInteger -> double is correctly rounded, like ECMAScript's JSON.parse.
        out.append(serializeNumber(node.doubleValue()));
    }

    private static void writeObject(JsonNode node, StringBuilder out) {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.size());
        node.fields().forEachRemaining(fields::add);
        fields.sort(Map.Entry.comparingByKey());
        out.append('{');
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            writeString(fields.get(i).getKey(), out);
            out.append(':');
            write(fields.get(i).getValue(), out);
        }
        out.append('}');
    }

    private static void writeArray(JsonNode node, StringBuilder out) {
        out.append('[');
        Iterator<JsonNode> elements = node.elements();
        boolean first = true;
        while (elements.hasNext()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            write(elements.next(), out);
        }
        out.append(']');
    }
}
