package io.pjctrl.audit.export;

import java.util.ArrayList;
import java.util.List;

import io.pjctrl.audit.log.StoredEntry;

/**
 * RFC 4180 CSV: CRLF line ends, a header row, cells quoted when they hold a comma, quote, CR or LF (quotes doubled).
 *
 * <p>
 * Formula injection: a cell starting with {@code = + - @}, TAB or CR would be run as a formula by spreadsheet
 * programs, so it gets a leading single quote. A cell that itself starts with a single quote gets one too, which
 * keeps the rule reversible for offline verification: <em>a cell starting with {@code '} had exactly one quote
 * added; strip it</em> (docs/api.md).
 */
final class CsvWriter {

    private CsvWriter() {
    }

    static String header() {
        return line(ExportColumns.NAMES);
    }

    /** The header of an export with proofs: every column, then {@code tlog_proof}. */
    static String headerWithProofs() {
        List<String> names = new ArrayList<>(ExportColumns.NAMES);
        names.add(ExportColumns.TLOG_PROOF);
        return line(names);
    }

    static String row(StoredEntry entry) {
        return line(ExportColumns.values(entry));
    }

    /** A row of an export with proofs; an empty cell where no checkpoint covers the entry. */
    static String rowWithProof(StoredEntry entry, String proof) {
        List<String> cells = ExportColumns.values(entry);
        cells.add(proof);
        return line(cells);
    }

    static String line(List<String> cells) {
        StringBuilder out = new StringBuilder(512);
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            appendCell(cells.get(i), out);
        }
        return out.append("\r\n").toString();
    }

    /** Null is an empty cell; an empty string is {@code ""} so the two stay distinguishable. */
    static void appendCell(String value, StringBuilder out) {
        if (value == null) {
            return;
        }
        String cell = neutralise(value);
        if (cell.isEmpty() || needsQuotes(cell)) {
            out.append('"').append(cell.replace("\"", "\"\"")).append('"');
        } else {
            out.append(cell);
        }
    }

    static String neutralise(String value) {
        if (value.isEmpty()) {
            return value;
        }
        return switch (value.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r', '\'' -> "'" + value;
            default -> value;
        };
    }

    private static boolean needsQuotes(String cell) {
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }
}
