package io.pjctrl.audit.export;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.resteasy.reactive.RestMulti;

import io.pjctrl.audit.log.AuditLogRepository;
import io.pjctrl.audit.log.StoredEntry;
import io.pjctrl.audit.web.UnavailableProblem;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;

/**
 * Streams an export: first the export's own audit event is published (and acknowledged), then the rows flow from a
 * database cursor to the client in chunks, one chunk in flight at a time (HTTP back-pressure reaches the cursor).
 */
@ApplicationScoped
public class ExportService {

    /** Rows per HTTP chunk: fewer, larger writes than one per row, still a bounded amount of memory. */
    static final int ROWS_PER_CHUNK = 200;
    private static final DateTimeFormatter FILE_STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final AuditLogRepository log;
    private final ExportEventPublisher events;

    public ExportService(AuditLogRepository log, ExportEventPublisher events) {
        this.log = log;
        this.events = events;
    }

    public RestMulti<byte[]> export(ExportRecord export) {
        String fileName = "audit-logs-" + FILE_STAMP.format(Instant.now()) + "." + export.format().extension();
        Map<String, List<String>> headers = Map.of(
                "Content-Disposition", List.of("attachment; filename=\"" + fileName + "\""),
                "Content-Type", List.of(export.format().contentType()),
                "X-Export-Id", List.of(export.exportId().toString()));
        return RestMulti.fromUniResponse(
                events.publish(export)
                        .onFailure()
                        .transform(e -> new UnavailableProblem("the export could not be recorded as an audit event;"
                                + " nothing was exported", e))
                        .invoke(() -> Log.infof("Export %s (%s) by %s recorded", export.exportId(),
                                export.format().extension(), export.userId())),
                recorded -> body(export.format(), log.stream(export.filter())),
                recorded -> headers);
    }

    static Multi<byte[]> body(ExportFormat format, Multi<StoredEntry> rows) {
        Multi<String> lines = rows.map(row -> format == ExportFormat.CSV ? CsvWriter.row(row) : NdjsonWriter.row(row));
        if (format == ExportFormat.CSV) {
            lines = Multi.createBy().concatenating().streams(Multi.createFrom().item(CsvWriter.header()), lines);
        }
        return lines.group()
                .intoLists()
                .of(ROWS_PER_CHUNK)
                .map(ExportService::chunk);
    }

    private static byte[] chunk(List<String> lines) {
        StringBuilder text = new StringBuilder(lines.size() * 600);
        lines.forEach(text::append);
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
