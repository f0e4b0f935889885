package io.pjctrl.project.web;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Parses path, query and header parameters by hand: JAX-RS answers a failed conversion of a path or query
 * parameter with 404, while a bad UUID or page number is the client's 400 and must name the parameter.
 */
public final class Params {

    private static final Pattern UUID_TEXT = Pattern
            .compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final Pattern ETAG = Pattern.compile("^(W/)?\"?(\\d{1,18})\"?$");

    private Params() {
    }

    public static UUID uuid(String field, String value) {
        if (value == null || !UUID_TEXT.matcher(value).matches()) {
            throw new InvalidInputException(field, "must be a UUID");
        }
        return UUID.fromString(value);
    }

    public static UUID optionalUuid(String field, String value) {
        return value == null || value.isEmpty() ? null : uuid(field, value);
    }

    /** An enum query filter given by its wire name ({@code in_progress}); null when absent. */
    public static <E extends Enum<E>> E optionalEnum(String field, String value, Class<E> type) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().toLowerCase(Locale.ROOT).equals(value)) {
                return constant;
            }
        }
        throw new InvalidInputException(field, "unknown value '" + value + "'");
    }

    /**
     * The version a client expects, from {@code If-Match} ({@code "3"}, {@code 3} or {@code W/"3"}) or else from
     * the body's {@code version}; null when the client sent neither (last writer wins, still without lost updates
     * between concurrent transactions).
     */
    public static Long expectedVersion(String ifMatch, Long bodyVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return bodyVersion;
        }
        var matcher = ETAG.matcher(ifMatch.trim());
        if (!matcher.matches()) {
            throw new InvalidInputException("If-Match", "must be a version number such as \"3\"");
        }
        return Long.parseLong(matcher.group(2));
    }
}
