package io.pjctrl.contract.verifier;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pjctrl.contract.chain.AuditEntryJson;
import io.pjctrl.contract.chain.Jcs;
import io.pjctrl.contract.chain.NotCanonicalizableException;
import io.pjctrl.contract.privacy.Openings;

/**
 * Reads an export exactly as audit-service writes it (docs/api.md, Exports): NDJSON (one object per LF-terminated
 * line) or CSV (RFC 4180 with a header of the column names). Columns are found by name; beside the 20 columns of
 * the export before issue 15 it reads the optional {@code entry_format}, {@code source_partition},
 * {@code source_offset} (entry format 2; the format must agree with the source fields) and {@code tlog_proof}, and
 * ignores any other. Rows are streamed to a {@link Rows} handler, so memory does not grow
 * with the export; a row that is readable but not a valid entry is reported to the handler, input that is not an
 * export at all throws {@link UnreadableExportException}.
 */
final class ExportReader {

    /** The columns every export has (ExportColumns in audit-service). */
    static final List<String> REQUIRED = List.of("id", "event_id", "event_type", "source", "resource_type",
            "resource_id", "project_id", "user_id", "actor_role", "action", "changes", "request_metadata",
            "sensitivity_level", "aggregate_version", "occurred_at", "recorded_at", "chain_id", "seq", "prev_checksum",
            "checksum");
    private static final List<String> JSON_COLUMNS = List.of("changes", "request_metadata");
    private static final List<String> NUMBER_COLUMNS = List.of("aggregate_version", "seq", "entry_format",
            "source_partition", "source_offset");
    private static final List<String> OPTIONAL = List.of("entry_format", "source_partition", "source_offset",
            "tlog_proof");

    enum Format {
        CSV, NDJSON
    }

    /** Receives the rows of an export in file order. */
    interface Rows {

        void row(ExportRow row);

        /** A row that cannot be an entry (missing field, bad value); {@code chainId} null when unknown. */
        void malformed(long line, String chainId, String why);
    }

    private ExportReader() {
    }

    /** The format by file extension, else by the first byte ({@code {} for NDJSON). */
    static Format detect(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return Format.CSV;
        }
        if (name.endsWith(".ndjson") || name.endsWith(".jsonl")) {
            return Format.NDJSON;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == '{' ? Format.NDJSON : Format.CSV;
        }
    }

    static void read(Path file, Format format, Rows rows) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] start = in.readNBytes(3);
            if (start.length == 3 && (start[0] & 0xff) == 0xef && (start[1] & 0xff) == 0xbb
                    && (start[2] & 0xff) == 0xbf) {
                throw new UnreadableExportException(file + " starts with a byte order mark: not an export as "
                        + "audit-service writes it (was it saved by a spreadsheet program?)");
            }
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)),
                1 << 16)) {
            if (format == Format.NDJSON) {
                readNdjson(reader, rows);
            } else {
                readCsv(reader, rows);
            }
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new UnreadableExportException(file + " is not valid UTF-8", e);
        }
    }

    private static void readNdjson(BufferedReader reader, Rows rows) throws IOException {
        long line = 0;
        String text;
        while ((text = reader.readLine()) != null) {
            line++;
            JsonNode json;
            try {
                json = Jcs.parse(text);
            } catch (NotCanonicalizableException e) {
                throw new UnreadableExportException("NDJSON line " + line + " is not JSON: " + e.getMessage());
            }
            if (!json.isObject()) {
                throw new UnreadableExportException("NDJSON line " + line + " is not a JSON object");
            }
            toRow(line, json, rows);
        }
    }

    private static void readCsv(BufferedReader reader, Rows rows) throws IOException {
        CsvRecords csv = new CsvRecords(reader);
        List<String> header = csv.next();
        if (header == null || !header.containsAll(REQUIRED)) {
            throw new UnreadableExportException("CSV header must name the columns " + REQUIRED + ", got " + header);
        }
        Map<String, Integer> at = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            if (at.put(header.get(i), i) != null) {
                throw new UnreadableExportException("CSV header repeats column " + header.get(i));
            }
        }
        List<String> cells;
        while ((cells = csv.next()) != null) {
            if (cells.size() != header.size()) {
                throw new UnreadableExportException("CSV record " + csv.recordNumber() + " has " + cells.size()
                        + " cells, the header " + header.size());
            }
            ObjectNode json = JsonNodeFactory.instance.objectNode();
            try {
                for (String column : REQUIRED) {
                    put(json, column, cells.get(at.get(column)));
                }
                for (String column : OPTIONAL) {
                    if (at.containsKey(column)) {
                        put(json, column, cells.get(at.get(column)));
                    }
                }
            } catch (IllegalArgumentException e) {
                rows.malformed(csv.recordNumber(), cells.get(at.get("chain_id")), e.getMessage());
                continue;
            }
            toRow(csv.recordNumber(), json, rows);
        }
    }

    /** A CSV cell as the JSON value the NDJSON export has for it. */
    private static void put(ObjectNode json, String column, String cell) {
        if (cell == null) {
            json.putNull(column);
        } else if (JSON_COLUMNS.contains(column)) {
            json.set(column, Jcs.parse(cell));
        } else if (NUMBER_COLUMNS.contains(column)) {
            try {
                json.put(column, Long.parseLong(cell));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(column + " is not an integer: " + cell);
            }
        } else {
            json.put(column, cell);
        }
    }

    private static void toRow(long line, JsonNode json, Rows rows) {
        JsonNode chain = json.get("chain_id");
        String chainId = chain != null && chain.isTextual() ? chain.textValue() : null;
        try {
            for (String field : List.of("prev_checksum", "checksum")) {
                if (json.get(field) == null || !json.get(field).isTextual()) {
                    throw new IllegalArgumentException("missing field " + field);
                }
            }
            for (String field : List.of("seq", "aggregate_version")) {
                if (json.get(field) == null || !json.get(field).isIntegralNumber()) {
                    throw new IllegalArgumentException(field + " is not an integer");
                }
            }
            JsonNode proof = json.get("tlog_proof");
            if (proof != null && !proof.isNull() && !proof.isTextual()) {
                throw new IllegalArgumentException("tlog_proof is not a string");
            }
            // An opening {"$value","$salt"} is hashed as the commitment it opens (integrity.md §18).
            for (String field : JSON_COLUMNS) {
                if (json.get(field) != null) {
                    ((ObjectNode) json).set(field, Openings.fold(json.get(field)));
                }
            }
            rows.row(new ExportRow(line, AuditEntryJson.fromJson(json), json.get("prev_checksum").textValue(),
                    json.get("checksum").textValue(), proof == null || proof.isNull() ? null : proof.textValue()));
        } catch (RuntimeException e) {
            rows.malformed(line, chainId, e.getMessage());
        }
    }
}
