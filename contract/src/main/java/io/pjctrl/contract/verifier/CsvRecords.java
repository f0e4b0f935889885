package io.pjctrl.contract.verifier;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A strict RFC 4180 reader for audit-service's CSV export, which standard CSV readers cannot read faithfully: an
 * empty unquoted cell is null and {@code ""} is the empty string (they hash differently), and one leading {@code '}
 * added against formula injection is stripped from every cell after unquoting (docs/api.md, CSV). Records end with
 * CRLF; a CR or quote inside an unquoted cell, or text after a closing quote, is refused.
 */
final class CsvRecords {

    private final Reader in;
    private long record;
    private int peeked = -2;

    CsvRecords(Reader in) {
        this.in = in;
    }

    /** Number of the record last returned (the header is 1). */
    long recordNumber() {
        return record;
    }

    /** The next record's cells (null for an empty unquoted cell), or null at the end of input. */
    List<String> next() throws IOException {
        if (peek() < 0) {
            return null;
        }
        record++;
        List<String> cells = new ArrayList<>(24);
        while (true) {
            cells.add(cell());
            int c = read();
            if (c == ',') {
                continue;
            }
            if (c == '\r' && read() == '\n') {
                return cells;
            }
            throw new UnreadableExportException("CSV record " + record + " does not end with CRLF");
        }
    }

    private String cell() throws IOException {
        if (peek() == '"') {
            read();
            StringBuilder value = new StringBuilder();
            while (true) {
                int c = read();
                if (c < 0) {
                    throw new UnreadableExportException("CSV record " + record + " ends inside a quoted cell");
                }
                if (c == '"') {
                    if (peek() != '"') {
                        return unneutralise(value.toString());
                    }
                    read();
                }
                value.append((char) c);
            }
        }
        StringBuilder value = new StringBuilder();
        while (peek() >= 0 && peek() != ',' && peek() != '\r') {
            int c = read();
            if (c == '"' || c == '\n') {
                throw new UnreadableExportException("CSV record " + record + " has a quote or LF in an unquoted cell");
            }
            value.append((char) c);
        }
        return value.isEmpty() ? null : unneutralise(value.toString());
    }

    /** Undoes the writer's formula-injection guard: a cell starting with {@code '} had exactly one added. */
    static String unneutralise(String cell) {
        return cell.startsWith("'") ? cell.substring(1) : cell;
    }

    private int peek() throws IOException {
        if (peeked == -2) {
            peeked = in.read();
        }
        return peeked;
    }

    private int read() throws IOException {
        int c = peek();
        peeked = -2;
        return c;
    }
}
