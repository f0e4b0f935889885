package io.pjctrl.contract.verifier;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.pjctrl.contract.chain.AuditEntry;
import io.pjctrl.contract.chain.CanonicalJson;
import io.pjctrl.contract.chain.ChainedEntry;
import io.pjctrl.contract.chain.Checksums;
import io.pjctrl.contract.chain.EntrySource;
import io.pjctrl.contract.chain.Timestamps;
import io.pjctrl.contract.note.Checkpoint;
import io.pjctrl.contract.note.NoteSigner;
import io.pjctrl.contract.tlog.CompactRange;
import io.pjctrl.contract.tlog.Ed25519;
import io.pjctrl.contract.tlog.NodeId;
import io.pjctrl.contract.tlog.NoteSigning;
import io.pjctrl.contract.tlog.ProofNodes;
import io.pjctrl.contract.tlog.SignedNote;
import io.pjctrl.contract.tlog.TlogProof;
import io.pjctrl.contract.tlog.VerifierKey;

/**
 * Builds exports the way the plan of issue 15 says audit-service will: entries chained by the contract library
 * (format 1 for the first {@code format1} seqs, format 2 with their Kafka source after), each chain an RFC 6962 tree
 * over {@code SHA-256(canonical)} leaves, checkpoints signed as today's notes (format 1: third line the head
 * checksum; format 2: the tree root), cosigned by a witness (cosignature/v1), and tlog-proofs of every entry against
 * one checkpoint per chain. Writes NDJSON and CSV in audit-service's column order and encoding (entry_format,
 * source_partition, source_offset after checksum, as the foundation's ExportColumns; tlog_proof last).
 */
final class ExportFixture {

    static final String PREFIX = "pjctrl-audit";
    static final String LOG_NAME = "pjctrl-audit-test";
    static final String WITNESS_NAME = "witness.pjctrl.example/w1";
    static final Instant T0 = Instant.parse("2026-11-28T09:00:00Z");
    static final List<String> COLUMNS = List.of("id", "event_id", "event_type", "source", "resource_type",
            "resource_id", "project_id", "user_id", "actor_role", "action", "changes", "request_metadata",
            "sensitivity_level", "aggregate_version", "occurred_at", "recorded_at", "chain_id", "seq",
            "prev_checksum", "checksum", "entry_format", "source_partition", "source_offset", "tlog_proof");

    final NoteSigner log = new NoteSigner(LOG_NAME, Ed25519.privateKey(seed(1)));
    final NoteSigner otherLog = new NoteSigner(LOG_NAME, Ed25519.privateKey(seed(3)));
    final PrivateKey witnessPrivate = Ed25519.privateKey(seed(2));
    final VerifierKey witness = VerifierKey.of(WITNESS_NAME, VerifierKey.TYPE_COSIGNATURE_V1,
            Ed25519.publicKeyOfSeed(seed(2)));

    /** One row as exported: the chained entry and its tlog_proof text (null when none). */
    record Row(ChainedEntry stored, String proof) {

        Row withProof(String text) {
            return new Row(stored, text);
        }
    }

    /** A chain of {@code size} entries, the first {@code format1} of entry format 1. */
    static List<ChainedEntry> chain(String chainId, int partition, int size, int format1) {
        List<ChainedEntry> entries = new ArrayList<>();
        String prev = Checksums.GENESIS;
        for (int seq = 1; seq <= size; seq++) {
            ChainedEntry entry = ChainedEntry.append(prev, entry(chainId, seq,
                    seq <= format1 ? null : new EntrySource(partition, 1000 + seq)));
            entries.add(entry);
            prev = entry.checksum();
        }
        return entries;
    }

    static AuditEntry entry(String chainId, long seq, EntrySource source) {
        String resourceId = seq % 5 == 0 ? "" : seq % 7 == 0 ? null : "=HYPERLINK(\"x\",'" + seq + "')";
        String description = seq % 3 == 0 ? "'quoted, with\r\nlines" : "Launch \"" + seq + "\" ünïcödé";
        return new AuditEntry(uuid(chainId, seq, 1), uuid(chainId, seq, 2), "task.update", "/pjctrl/project-service",
                "task", resourceId, seq % 2 == 0 ? null : uuid(chainId, seq, 3), uuid(chainId, seq, 4),
                seq % 4 == 0 ? null : "manager", "update",
                CanonicalJson.parse("{\"description\": {\"new\": \"" + description.replace("\"", "\\\"")
                        .replace("\r", "\\r").replace("\n", "\\n") + "\", \"old\": null}, \"points\": {\"new\": 1.50}}"),
                CanonicalJson.parse("{\"ip\": \"127.0.0.1\", \"user_agent\": \"-curl\", \"request_id\": \"r-" + seq
                        + "\", \"trace_id\": null}"),
                "medium", seq, T0.plusMillis(seq * 1001), T0.plusMillis(seq * 1001 + 250), chainId, seq, source);
    }

    /** The tree over the first {@code size} entries: every node, for proofs. */
    static Map<NodeId, byte[]> tree(List<ChainedEntry> entries, long size) {
        Map<NodeId, byte[]> nodes = new HashMap<>();
        CompactRange range = CompactRange.empty();
        for (int i = 0; i < size; i++) {
            range.appendData(io.pjctrl.contract.tlog.Rfc6962.leafData(entries.get(i).entry().canonical()),
                    (level, index, hash) -> nodes.put(new NodeId(level, index), hash));
        }
        return nodes;
    }

    static byte[] root(List<ChainedEntry> entries, long size) {
        CompactRange range = CompactRange.empty();
        for (int i = 0; i < size; i++) {
            range.appendData(io.pjctrl.contract.tlog.Rfc6962.leafData(entries.get(i).entry().canonical()),
                    (level, index, hash) -> {
                    });
        }
        return range.root();
    }

    /** A format-1 note: third line = checksum of the entry at seq = size. */
    String headNote(List<ChainedEntry> entries, long size, Instant time) {
        ChainedEntry head = entries.get((int) size - 1);
        return log.sign(new Checkpoint(PREFIX + "/" + head.chainId(), size, head.checksum(), time));
    }

    /** A format-2 note: third line = RFC 6962 root at size, signed by the log and cosigned by the witness. */
    String rootNote(List<ChainedEntry> entries, long size, Instant time) {
        String chainId = entries.get(0).chainId();
        String note = log.sign(new Checkpoint(PREFIX + "/" + chainId, size,
                HexFormat.of().formatHex(root(entries, size)), time));
        return cosign(note, time.getEpochSecond() + 1);
    }

    String cosign(String note, long timestamp) {
        SignedNote signed = SignedNote.parse(note);
        return signed.with(NoteSigning.cosign(WITNESS_NAME, witnessPrivate, witness.publicKey(), signed.text(),
                timestamp)).format();
    }

    /** Rows of the export: every entry, with a tlog-proof against {@code note} for seq <= its size. */
    static List<Row> rows(List<ChainedEntry> entries, String note, long size) {
        Map<NodeId, byte[]> nodes = tree(entries, size);
        List<Row> rows = new ArrayList<>();
        for (ChainedEntry entry : entries) {
            String proof = null;
            if (note != null && entry.seq() <= size) {
                List<byte[]> path = ProofNodes.inclusion(entry.seq() - 1, size).read(ids -> ids.stream()
                        .map(nodes::get).toArray(byte[][]::new));
                proof = new TlogProof(Optional.empty(), entry.seq() - 1, path, note).format();
            }
            rows.add(new Row(entry, proof));
        }
        return rows;
    }

    /** Newest first by occurred_at, chains mixed: the export's order. */
    static List<Row> exportOrder(List<Row> rows) {
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort((a, b) -> b.stored().entry().occurredAt().compareTo(a.stored().entry().occurredAt()));
        return sorted;
    }

    static List<Row> replace(List<Row> rows, long seq, String chainId, UnaryOperator<Row> change) {
        List<Row> changed = new ArrayList<>();
        for (Row row : rows) {
            boolean hit = row.stored().seq() == seq && row.stored().chainId().equals(chainId);
            changed.add(hit ? change.apply(row) : row);
        }
        return changed;
    }

    static String ndjson(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        for (Row row : rows) {
            List<String> values = values(row);
            StringWriter line = new StringWriter();
            try (JsonGenerator json = new JsonFactory().createGenerator(line)) {
                json.writeStartObject();
                for (int i = 0; i < COLUMNS.size(); i++) {
                    json.writeFieldName(COLUMNS.get(i));
                    String value = values.get(i);
                    String column = COLUMNS.get(i);
                    if (value == null) {
                        json.writeNull();
                    } else if (column.equals("changes") || column.equals("request_metadata")) {
                        json.writeRawValue(jsonbText(value));
                    } else if (List.of("aggregate_version", "seq", "entry_format", "source_partition", "source_offset")
                            .contains(column)) {
                        json.writeNumber(Long.parseLong(value));
                    } else {
                        json.writeString(value);
                    }
                }
                json.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }

    /** RFC 4180, CRLF, null = empty cell, "" = empty string, formula cells prefixed with ' (CsvWriter's rules). */
    static String csv(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        csvLine(COLUMNS, out);
        for (Row row : rows) {
            List<String> values = values(row);
            for (int i = 0; i < values.size(); i++) {
                String column = COLUMNS.get(i);
                if (values.get(i) != null && (column.equals("changes") || column.equals("request_metadata"))) {
                    values.set(i, jsonbText(values.get(i)));
                }
            }
            csvLine(values, out);
        }
        return out.toString();
    }

    private static void csvLine(List<String> cells, StringBuilder out) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String value = cells.get(i);
            if (value == null) {
                continue;
            }
            String cell = !value.isEmpty() && "=+-@\t\r'".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
            boolean quote = cell.isEmpty() || cell.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n');
            out.append(quote ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell);
        }
        out.append("\r\n");
    }

    /** PostgreSQL's jsonb spacing (": " and ", "), to show the verifier canonicalizes instead of hashing text. */
    private static String jsonbText(String canonical) {
        return canonical.replace("\":", "\": ").replace(",\"", ", \"");
    }

    private static List<String> values(Row row) {
        AuditEntry e = row.stored().entry();
        List<String> values = new ArrayList<>();
        values.add(e.id().toString());
        values.add(e.eventId().toString());
        values.add(e.eventType());
        values.add(e.source());
        values.add(e.resourceType());
        values.add(e.resourceId());
        values.add(e.projectId() == null ? null : e.projectId().toString());
        values.add(e.userId() == null ? null : e.userId().toString());
        values.add(e.actorRole());
        values.add(e.action());
        values.add(e.changes().text());
        values.add(e.requestMetadata().text());
        values.add(e.sensitivityLevel());
        values.add(Long.toString(e.aggregateVersion()));
        values.add(Timestamps.format(e.occurredAt()));
        values.add(Timestamps.format(e.recordedAt()));
        values.add(e.chainId());
        values.add(Long.toString(e.seq()));
        values.add(row.stored().prevChecksum());
        values.add(row.stored().checksum());
        values.add(Integer.toString(e.entryFormat()));
        values.add(e.entrySource() == null ? null : Integer.toString(e.entrySource().partition()));
        values.add(e.entrySource() == null ? null : Long.toString(e.entrySource().offset()));
        values.add(row.proof());
        return values;
    }

    static Path write(Path dir, String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] seed(int first) {
        byte[] seed = new byte[32];
        java.util.Arrays.fill(seed, (byte) first);
        return seed;
    }

    private static UUID uuid(String chainId, long seq, int kind) {
        return UUID.nameUUIDFromBytes((chainId + "/" + seq + "/" + kind).getBytes(StandardCharsets.UTF_8));
    }
}
