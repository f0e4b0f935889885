package io.pjctrl.project.web;

/** Offset paging from the {@code page} (0-based) and {@code size} query parameters, both validated. */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;
    private static final int MAX_PAGE = 100_000;

    public static PageRequest of(String page, String size) {
        return new PageRequest(parse("page", page, 0, 0, MAX_PAGE), parse("size", size, DEFAULT_SIZE, 1, MAX_SIZE));
    }

    private static int parse(String field, String value, int fallback, int min, int max) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // falls through to the same 400 as an out-of-range number
        }
        throw new InvalidInputException(field, "must be an integer between " + min + " and " + max);
    }
}
