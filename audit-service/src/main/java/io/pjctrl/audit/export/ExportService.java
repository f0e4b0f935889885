package io.pjctrl.audit.export;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.resteasy.reactive.RestMulti;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pjctrl.audit.checkpoint.PublishedCheckpoint;
import io.pjctrl.audit.checkpoint.PublishedCheckpoints;
import io.pjctrl.audit.log.AuditLogRepository;
import io.pjctrl.audit.log.StoredEntry;
import io.pjctrl.audit.ownevent.OwnEventPublisher;
import io.pjctrl.audit.privacy.PersonalData;
import io.pjctrl.audit.tlog.EntryProofs;
import io.pjctrl.audit.web.UnavailableProblem;
import io.pjctrl.contract.chain.Timestamps;
import io.pjctrl.contract.ocsf.OcsfRecords;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

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

    /** Names the checkpoint of each chain that an export with proofs proves its entries against. */
    static final String CHECKPOINTS_HEADER = "X-Export-Checkpoints";

    private final AuditLogRepository log;
    private final OwnEventPublisher events;
    private final PublishedCheckpoints checkpoints;
    private final EntryProofs proofs;
    private final OcsfRecords ocsf;
    private final PersonalData personalData;

    public ExportService(AuditLogRepository log, OwnEventPublisher events, PublishedCheckpoints checkpoints,
            EntryProofs proofs, OcsfRecords ocsf, PersonalData personalData) {
        this.personalData = personalData;
        this.log = log;
        this.events = events;
        this.checkpoints = checkpoints;
        this.proofs = proofs;
        this.ocsf = ocsf;
    }

    /**
     * With {@code withProofs}, every entry carries its tlog-proof against the latest tree-root checkpoint of its
     * chain as it was when the export started (named in {@value #CHECKPOINTS_HEADER}: chain=size, one per chain);
     * entries beyond it get none. One checkpoint per chain for the whole file, so a verifier checks each checkpoint
     * once and every proof against it.
     */
    public RestMulti<byte[]> export(ExportRecord export, boolean withProofs) {
        String fileName = "audit-logs-" + FILE_STAMP.format(Instant.now()) + "." + export.format().extension();
        Uni<Map<String, PublishedCheckpoint>> named = withProofs
                ? checkpoints.latestOfEveryChain()
                : Uni.createFrom().item(Map.of());
        return RestMulti.fromUniResponse(
                events.publish(OwnEventPublisher.EXPORTS, ExportEvents.of(UUID.randomUUID().toString(), export,
                        Timestamps.truncate(Instant.now())))
                        .onFailure()
                        .transform(e -> new UnavailableProblem("the export could not be recorded as an audit event;"
                                + " nothing was exported", e))
                        .invoke(() -> Log.infof("Export %s (%s) by %s recorded", export.exportId(),
                                export.format().parameter(), export.by().userId()))
                        .chain(() -> named),
                at -> withProofs
                        ? bodyWithProofs(export.format(), log.stream(export.filter()), at)
                        : body(export.format(), log.stream(export.filter())),
                at -> headers(export, fileName, withProofs, at));
    }

    private static Map<String, List<String>> headers(ExportRecord export, String fileName, boolean withProofs,
            Map<String, PublishedCheckpoint> at) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Disposition", List.of("attachment; filename=\"" + fileName + "\""));
        headers.put("Content-Type", List.of(export.format().contentType()));
        headers.put("X-Export-Id", List.of(export.exportId().toString()));
        if (withProofs) {
            headers.put(CHECKPOINTS_HEADER, List.of(at.values().stream()
                    .map(checkpoint -> checkpoint.chainId() + "=" + checkpoint.size())
                    .collect(Collectors.joining(", "))));
        }
        return headers;
    }

    /** Chunk by chunk: the openings of a chunk's personal values are read together (one query). */
    private Multi<byte[]> body(ExportFormat format, Multi<StoredEntry> rows) {
        Multi<byte[]> chunks = rows.group()
                .intoLists()
                .of(ROWS_PER_CHUNK)
                .onItem().transformToUniAndConcatenate(personalData::opened)
                .map(entries -> chunk(entries.stream()
                        .map(row -> line(format, row, false, null))
                        .toList()));
        if (format == ExportFormat.CSV) {
            Multi<byte[]> header = Multi.createFrom().item(CsvWriter.header().getBytes(StandardCharsets.UTF_8));
            return Multi.createBy().concatenating().streams(header, chunks);
        }
        return chunks;
    }

    /**
     * Chunk by chunk: the proofs of a chunk's entries are read together (one tile query per chain), and so are their
     * openings.
     */
    private Multi<byte[]> bodyWithProofs(ExportFormat format, Multi<StoredEntry> rows,
            Map<String, PublishedCheckpoint> at) {
        Multi<byte[]> chunks = rows.group()
                .intoLists()
                .of(ROWS_PER_CHUNK)
                .onItem().transformToUniAndConcatenate(committed -> proofs.proofs(committed, at)
                        .chain(texts -> personalData.opened(committed).map(entries -> {
                            List<String> lines = new ArrayList<>(entries.size());
                            for (int i = 0; i < entries.size(); i++) {
                                lines.add(line(format, entries.get(i), true, texts.get(i)));
                            }
                            return chunk(lines);
                        })));
        if (format == ExportFormat.CSV) {
            Multi<byte[]> header = Multi.createFrom().item(CsvWriter.headerWithProofs().getBytes(StandardCharsets.UTF_8));
            return Multi.createBy().concatenating().streams(header, chunks);
        }
        return chunks;
    }

    /** One row of the file; with {@code withProof}, the entry's tlog-proof text (or null) is part of it. */
    private String line(ExportFormat format, StoredEntry row, boolean withProof, String proof) {
        return switch (format) {
            case CSV -> withProof ? CsvWriter.rowWithProof(row, proof) : CsvWriter.row(row);
            case NDJSON -> withProof ? NdjsonWriter.rowWithProof(row, proof) : NdjsonWriter.row(row);
            case OCSF -> {
                ObjectNode record = ocsf.entry(row.toChained());
                if (withProof) {
                    ((ObjectNode) record.path("unmapped").path(OcsfRecords.UNMAPPED_KEY)).put("tlog_proof", proof);
                }
                yield OcsfRecords.line(record);
            }
        };
    }

    private static byte[] chunk(List<String> lines) {
        StringBuilder text = new StringBuilder(lines.size() * 600);
        lines.forEach(text::append);
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
