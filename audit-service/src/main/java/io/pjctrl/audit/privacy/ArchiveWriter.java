package io.pjctrl.audit.privacy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pjctrl.audit.checkpoint.PublishedCheckpoint;
import io.pjctrl.audit.export.NdjsonWriter;
import io.pjctrl.audit.log.AuditLogFilter;
import io.pjctrl.audit.log.AuditLogRepository;
import io.pjctrl.audit.log.StoredEntry;
import io.pjctrl.audit.tlog.EntryProofs;
import io.pjctrl.contract.chain.Timestamps;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Writes a month's archive: {@code audit-archive-YYYY-MM.ndjson}, every entry of the month as an export line with
 * proofs (the export's NDJSON, {@code tlog_proof} against the chain's checkpoint given, which carries the signed
 * note), and {@code audit-archive-YYYY-MM.manifest.json}: per chain the seq range, the first prev_checksum, the last
 * checksum and the checkpoint; the file's SHA-256 and entry count. Both are written under a temporary name, forced to
 * disk and then renamed, so a file with the final name is complete. Rows stream from a database cursor; the file is
 * written on a worker thread, a chunk at a time.
 */
@ApplicationScoped
public class ArchiveWriter {

    static final String MANIFEST_FORMAT = "pjctrl-audit-archive/1";
    private static final int ROWS_PER_CHUNK = 200;

    private final AuditLogRepository log;
    private final EntryProofs proofs;
    private final ObjectMapper json;

    public ArchiveWriter(AuditLogRepository log, EntryProofs proofs, ObjectMapper json) {
        this.log = log;
        this.proofs = proofs;
        this.json = json;
    }

    static String fileName(YearMonth month) {
        return "audit-archive-" + month + ".ndjson";
    }

    static String manifestName(YearMonth month) {
        return "audit-archive-" + month + ".manifest.json";
    }

    Uni<ArchiveFile> write(Path dir, YearMonth month, List<MonthRange> ranges, Map<String, PublishedCheckpoint> at) {
        Path partial = dir.resolve(fileName(month) + ".partial");
        Sink sink = new Sink(partial);
        Instant start = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusNanos(1000);
        AuditLogFilter filter = new AuditLogFilter(List.of(), null, null, null, null, null, List.of(), start, end);
        return Uni.createFrom().item(() -> {
            sink.open();
            return sink;
        })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(() -> log.stream(filter)
                        .group().intoLists().of(ROWS_PER_CHUNK)
                        .onItem().transformToUniAndConcatenate(entries -> proofs.proofs(entries, at)
                                .map(texts -> lines(entries, texts)))
                        .emitOn(Infrastructure.getDefaultWorkerPool())
                        .onItem().invoke(sink::write)
                        .collect().last())
                .map(ignored -> sink.close())
                .map(sha256 -> finish(dir, month, partial, sha256, sink.entries, ranges, at))
                .onFailure().invoke(e -> sink.abandon());
    }

    private static Chunk lines(List<StoredEntry> entries, List<String> texts) {
        StringBuilder out = new StringBuilder(entries.size() * 2048);
        for (int i = 0; i < entries.size(); i++) {
            out.append(NdjsonWriter.rowWithProof(entries.get(i), texts.get(i)));
        }
        return new Chunk(out.toString().getBytes(StandardCharsets.UTF_8), entries.size());
    }

    private record Chunk(byte[] bytes, int entries) {
    }

    private ArchiveFile finish(Path dir, YearMonth month, Path partial, String sha256, long entries,
            List<MonthRange> ranges, Map<String, PublishedCheckpoint> at) {
        Instant now = Timestamps.truncate(Instant.now());
        try {
            Files.move(partial, dir.resolve(fileName(month)), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            byte[] manifest = json.copy().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsBytes(manifest(month, sha256, entries, ranges, at, now));
            Path manifestPartial = dir.resolve(manifestName(month) + ".partial");
            try (FileChannel channel = FileChannel.open(manifestPartial, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(manifest));
                channel.force(true);
            }
            Files.move(manifestPartial, dir.resolve(manifestName(month)), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the archive of " + month + " to " + dir, e);
        }
        return new ArchiveFile(fileName(month), sha256, entries, now);
    }

    ObjectNode manifest(YearMonth month, String sha256, long entries, List<MonthRange> ranges,
            Map<String, PublishedCheckpoint> at, Instant now) {
        ObjectNode manifest = json.createObjectNode();
        manifest.put("format", MANIFEST_FORMAT);
        manifest.put("month", month.toString());
        manifest.put("file", fileName(month));
        manifest.put("sha256", sha256);
        manifest.put("entries", entries);
        manifest.put("archived_at", Timestamps.format(now));
        ArrayNode chains = manifest.putArray("chains");
        for (MonthRange range : ranges) {
            ObjectNode chain = chains.addObject();
            chain.put("chain_id", range.chainId());
            chain.put("first_seq", range.firstSeq());
            chain.put("last_seq", range.lastSeq());
            chain.put("entries", range.entries());
            chain.put("first_prev_checksum", range.firstPrevChecksum());
            chain.put("last_checksum", range.lastChecksum());
            PublishedCheckpoint checkpoint = at.get(range.chainId());
            chain.put("checkpoint_size", checkpoint.size());
            chain.put("checkpoint", checkpoint.note());
        }
        return manifest;
    }

    /** The file being written, with its running SHA-256 and entry count; used from one worker thread at a time. */
    private static final class Sink {

        private final Path path;
        private FileChannel channel;
        private OutputStream out;
        private MessageDigest digest;
        long entries;

        Sink(Path path) {
            this.path = path;
        }

        void open() {
            try {
                digest = MessageDigest.getInstance("SHA-256");
                channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE);
                out = new DigestOutputStream(new java.io.BufferedOutputStream(java.nio.channels.Channels
                        .newOutputStream(channel), 1 << 16), digest);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + path, e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        void write(Chunk chunk) {
            try {
                out.write(chunk.bytes());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + path, e);
            }
            entries += chunk.entries();
        }

        /** Flushes, forces to disk and closes; the file's SHA-256 in hex. */
        String close() {
            try {
                out.flush();
                channel.force(true);
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + path, e);
            }
            return HexFormat.of().formatHex(digest.digest());
        }

        void abandon() {
            try {
                if (out != null) {
                    out.close();
                }
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // The next run overwrites the partial file.
            }
        }
    }
}
