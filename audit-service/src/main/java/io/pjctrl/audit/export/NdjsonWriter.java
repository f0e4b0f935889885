package io.pjctrl.audit.export;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.pjctrl.audit.log.StoredEntry;

/**
 * One JSON object per line (LF), the same fields as the CSV; changes and request_metadata are embedded as JSON (the
 * text PostgreSQL stores), numbers as numbers, nulls as null. Nothing is neutralised: NDJSON is not opened by
 * spreadsheets, and its values are exactly the stored ones. Retention's archives (privacy/ArchiveWriter) are written
 * with it too, so the offline verifier reads both.
 */
public final class NdjsonWriter {

    private static final JsonFactory JSON = new JsonFactory();

    private NdjsonWriter() {
    }

    static String row(StoredEntry entry) {
        return row(entry, false, null);
    }

    /** A line of an export with proofs: every field, then {@code tlog_proof} (the proof text, or null). */
    public static String rowWithProof(StoredEntry entry, String proof) {
        return row(entry, true, proof);
    }

    private static String row(StoredEntry entry, boolean withProof, String proof) {
        List<String> values = ExportColumns.values(entry);
        StringWriter out = new StringWriter(withProof ? 2048 : 768);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            for (int i = 0; i < values.size(); i++) {
                json.writeFieldName(ExportColumns.NAMES.get(i));
                write(json, i, values.get(i));
            }
            if (withProof) {
                json.writeStringField(ExportColumns.TLOG_PROOF, proof);
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append('\n').toString();
    }

    private static void write(JsonGenerator json, int column, String value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (column == ExportColumns.CHANGES || column == ExportColumns.REQUEST_METADATA) {
            json.writeRawValue(value);
        } else if (column == ExportColumns.AGGREGATE_VERSION || column == ExportColumns.SEQ
                || column == ExportColumns.ENTRY_FORMAT || column == ExportColumns.SOURCE_PARTITION
                || column == ExportColumns.SOURCE_OFFSET) {
            json.writeNumber(Long.parseLong(value));
        } else {
            json.writeString(value);
        }
    }
}
