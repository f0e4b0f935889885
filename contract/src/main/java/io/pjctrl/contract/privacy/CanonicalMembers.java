package io.pjctrl.contract.privacy;

/**
 * Finds a member's value in the RFC 8785 canonical text of a JSON object without building a tree. Canonical text has no
 * whitespace and escapes every quote inside a string, and the canonical form of a member's value is exactly its span
 * of the object's text, so a value can be read, and replaced by another canonical value, in place: the result is the
 * canonical text of the changed object (its property names, hence their order, are unchanged).
 */
final class CanonicalMembers {

    /** What {@link #find} returns for text it cannot walk (the caller then goes through a tree). */
    static final long MALFORMED = -2;
    static final long ABSENT = -1;

    private CanonicalMembers() {
    }

    /**
     * The span of the value of member {@code name} of the object starting at {@code from} ({@code '{'}), as
     * {@code start << 32 | end}; {@link #ABSENT} when it has no such member, {@link #MALFORMED} when the text there is
     * not a canonical object.
     */
    static long find(String text, int from, String name) {
        int n = text.length();
        if (from >= n || text.charAt(from) != '{') {
            return MALFORMED;
        }
        int i = from + 1;
        if (i < n && text.charAt(i) == '}') {
            return ABSENT;
        }
        while (i < n && text.charAt(i) == '"') {
            int keyEnd = endOfString(text, i);
            if (keyEnd < 0 || keyEnd >= n || text.charAt(keyEnd) != ':') {
                return MALFORMED;
            }
            int valueStart = keyEnd + 1;
            int valueEnd = endOfValue(text, valueStart);
            if (valueEnd < 0 || valueEnd >= n) {
                return MALFORMED;
            }
            // A name with escapes decodes to a quote, backslash or control character: it never equals a plain name.
            if (keyEnd - i - 2 == name.length() && text.startsWith(name, i + 1)) {
                return (long) valueStart << 32 | valueEnd;
            }
            char next = text.charAt(valueEnd);
            if (next == '}') {
                return ABSENT;
            }
            if (next != ',') {
                return MALFORMED;
            }
            i = valueEnd + 1;
        }
        return MALFORMED;
    }

    static int start(long span) {
        return (int) (span >>> 32);
    }

    static int end(long span) {
        return (int) span;
    }

    /** The index after the string literal starting at {@code i} ({@code '"'}), or -1. */
    private static int endOfString(String text, int i) {
        int n = text.length();
        for (int j = i + 1; j < n; j++) {
            char c = text.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == '"') {
                return j + 1;
            }
        }
        return -1;
    }

    /** The index after the value starting at {@code i}, or -1. */
    private static int endOfValue(String text, int i) {
        int n = text.length();
        if (i >= n) {
            return -1;
        }
        char first = text.charAt(i);
        if (first == '"') {
            return endOfString(text, i);
        }
        if (first == '{' || first == '[') {
            int depth = 0;
            for (int j = i; j < n; j++) {
                char c = text.charAt(j);
                if (c == '"') {
                    j = endOfString(text, j);
                    if (j < 0) {
                        return -1;
                    }
                    j--;
                } else if (c == '{' || c == '[') {
                    depth++;
                } else if ((c == '}' || c == ']') && --depth == 0) {
                    return j + 1;
                }
            }
            return -1;
        }
        int j = i;
        while (j < n && text.charAt(j) != ',' && text.charAt(j) != '}' && text.charAt(j) != ']') {
            j++;
        }
        return j == i ? -1 : j;
    }
}
