package io.pjctrl.audit.web;

import java.util.HashSet;
import java.util.Set;

import jakarta.ws.rs.core.UriInfo;

/** Parsing of plain query parameters with errors that name the parameter (never a 404 or 500 for bad input). */
public final class QueryParameters {

    private QueryParameters() {
    }

    public static Set<String> with(Set<String> base, String... more) {
        Set<String> all = new HashSet<>(base);
        all.addAll(Set.of(more));
        return Set.copyOf(all);
    }

    /** A misspelt parameter would otherwise be ignored and widen the result without anyone noticing. */
    public static void rejectUnknown(UriInfo uri, Set<String> known) {
        for (String name : uri.getQueryParameters().keySet()) {
            if (!known.contains(name)) {
                throw new InvalidParameterException(name, "unknown query parameter " + name + "; known: "
                        + known.stream().sorted().toList());
            }
        }
    }

    public static int limit(String text, int fallback, int max) {
        String value = blankToNull(text);
        if (value == null) {
            return fallback;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below like any other out-of-range value
        }
        throw new InvalidParameterException("limit", "limit must be between 1 and " + max + ": " + value);
    }

    public static boolean bool(String parameter, String text) {
        String value = blankToNull(text);
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new InvalidParameterException(parameter, parameter + " must be true or false: " + value);
    }

    public static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
