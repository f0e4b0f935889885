package io.pjctrl.bench;

/** Builds lines of PostgreSQL's COPY text format: tab-separated, \N for null, backslash escapes. */
final class CopyRows {

    private final StringBuilder line = new StringBuilder(2_048);
    private boolean first = true;

    CopyRows add(Object value) {
        if (!first) {
            line.append('\t');
        }
        first = false;
        if (value == null) {
            line.append("\\N");
            return this;
        }
        String text = value.toString();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                default -> line.append(c);
            }
        }
        return this;
    }

    /** The finished line (with its newline); the builder is ready for the next row. */
    String end() {
        line.append('\n');
        String done = line.toString();
        line.setLength(0);
        first = true;
        return done;
    }
}
