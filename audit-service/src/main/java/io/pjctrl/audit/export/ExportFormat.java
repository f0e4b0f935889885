package io.pjctrl.audit.export;

import java.util.Locale;

import io.pjctrl.audit.web.InvalidParameterException;

/** The export file formats. */
public enum ExportFormat {

    CSV("text/csv; charset=UTF-8", "csv"), NDJSON("application/x-ndjson", "ndjson");

    private final String contentType;
    private final String extension;

    ExportFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }

    public static ExportFormat parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidParameterException("format", "format is required: csv or ndjson");
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "csv" -> CSV;
            case "ndjson" -> NDJSON;
            default -> throw new InvalidParameterException("format", "format must be csv or ndjson: " + text);
        };
    }
}
