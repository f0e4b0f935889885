package io.pjctrl.audit.export;

import java.util.Locale;

import io.pjctrl.audit.web.InvalidParameterException;

/** The export file formats: the stored entries as CSV or NDJSON, or their OCSF records (docs/events/ocsf.md), NDJSON. */
public enum ExportFormat {

    CSV("csv", "text/csv; charset=UTF-8", "csv"), NDJSON("ndjson", "application/x-ndjson", "ndjson"), OCSF("ocsf",
            "application/x-ndjson", "ocsf.ndjson");

    private final String parameter;
    private final String contentType;
    private final String extension;

    ExportFormat(String parameter, String contentType, String extension) {
        this.parameter = parameter;
        this.contentType = contentType;
        this.extension = extension;
    }

    /** The value of {@code format=}; also what the export's own audit event records. */
    public String parameter() {
        return parameter;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }

    public static ExportFormat parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidParameterException("format", "format is required: csv, ndjson or ocsf");
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "csv" -> CSV;
            case "ndjson" -> NDJSON;
            case "ocsf" -> OCSF;
            default -> throw new InvalidParameterException("format", "format must be csv, ndjson or ocsf: " + text);
        };
    }
}
