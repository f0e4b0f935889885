package io.pjctrl.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.apache.kafka.common.utils.Utils;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import io.pjctrl.contract.chain.AuditEntry;
import io.pjctrl.contract.chain.CanonicalJson;
import io.pjctrl.contract.chain.ChainIds;
import io.pjctrl.contract.chain.ChainedEntry;
import io.pjctrl.contract.chain.Checksums;
import io.pjctrl.contract.chain.Timestamps;
import io.pjctrl.contract.event.ChangeEvent;
import io.pjctrl.ids.TimeOrderedIds;

/**
 * Loads a synthetic but valid audit log into an empty, migrated audit_logs: the realistic events of
 * {@link EventGenerator} spread over the last {@code --days} days, each put on the chain of the partition Kafka's
 * default partitioner would give its key, and chained with audit-service's own chain code (canonical JSON, SHA-256),
 * so integrity verification passes over it. Rows go in with one COPY into the monthly partitions (created first); the
 * table's plain indexes are dropped first and rebuilt after, the keys go into audit_log_keys (whose unique indexes stay)
 * in one statement after the COPY, then the table is vacuumed and analysed as autovacuum would
 * have done by the time a real log reached this size. Each chain's Merkle tree (tiles and tree state) is built and
 * copied alongside ({@link DatasetTiles}), as the ingest would have built it.
 */
final class DatasetTool {

    static final String COLUMNS = "id, event_id, event_type, source, resource_type, resource_id, project_id, user_id, "
            + "actor_role, action, changes, request_metadata, sensitivity_level, aggregate_version, occurred_at, "
            + "recorded_at, chain_id, seq, prev_checksum, checksum";

    private DatasetTool() {
    }

    static void run(Args args) throws Exception {
        long rows = args.number("rows", 100_000);
        int chains = (int) args.number("chains", 6);
        String chainPrefix = args.text("chain-prefix", ChainIds.DEFAULT_PREFIX);
        long days = args.number("days", 180);
        Instant end = Instant.now().truncatedTo(ChronoUnit.MICROS);
        long gapMicros = Math.max(1, Duration.ofDays(days).toNanos() / 1_000 / rows);
        EventGenerator generator = new EventGenerator(args.number("seed", 7), (int) args.number("users", 2_000),
                end.minus(Duration.ofDays(days)), gapMicros);
        SplittableRandom random = new SplittableRandom(args.number("seed", 7) + 1);

        try (Connection db = Db.connect(args); DatasetTiles tiles = new DatasetTiles(Db.connect(args))) {
            requireEmpty(db);
            createPartitions(db, end.minus(Duration.ofDays(days)), end);
            List<String> indexes = dropPlainIndexes(db);
            keysTrigger(db, "DISABLE");
            long began = System.nanoTime();
            long[] seq = new long[chains];
            String[] head = new String[chains];
            Arrays.fill(head, Checksums.GENESIS);
            CopyIn copy = ((PGConnection) db.unwrap(PGConnection.class)).getCopyAPI()
                    .copyIn("COPY audit_logs (" + COLUMNS + ") FROM STDIN");
            CopyRows line = new CopyRows();
            StringBuilder chunk = new StringBuilder(1 << 20);
            for (long i = 0; i < rows; i++) {
                ChangeEvent event = generator.next();
                int partition = Utils.toPositive(Utils.murmur2(event.key().getBytes(StandardCharsets.UTF_8))) % chains;
                AuditEntry entry = entry(event, random, ChainIds.of(chainPrefix, partition), ++seq[partition]);
                ChainedEntry chained = ChainedEntry.append(head[partition], entry);
                head[partition] = chained.checksum();
                tiles.add(entry.chainId(), entry.leafData());
                chunk.append(row(line, chained));
                if (chunk.length() > (1 << 20) - 8_192) {
                    write(copy, chunk);
                }
                if ((i + 1) % 1_000_000 == 0) {
                    System.out.printf("  %d rows, %.0f s%n", i + 1, (System.nanoTime() - began) / 1e9);
                }
            }
            write(copy, chunk);
            long copied = copy.endCopy();
            System.out.printf("wrote %d Merkle tiles%n", tiles.finish());
            copyKeys(db);
            versionHeads(db);
            double copySeconds = (System.nanoTime() - began) / 1e9;
            System.out.printf("generated, chained and copied %d rows in %.1f s (%.0f rows/s)%n", copied, copySeconds,
                    copied / copySeconds);
            rebuild(db, indexes);
            System.out.printf("dataset ready: %d rows on %d chains, %d days, in %.1f s%n", copied, chains, days,
                    (System.nanoTime() - began) / 1e9);
        }
    }

    static AuditEntry entry(ChangeEvent event, SplittableRandom random, String chainId, long seq) {
        // The ingest stamps recorded_at a few to a few hundred milliseconds after the commit.
        Instant recordedAt = event.occurredAt().plus(5_000 + random.nextLong(300_000), ChronoUnit.MICROS);
        // Time-ordered like the ingest's ids (TimeOrderedIds), from the seeded random.
        return new AuditEntry(TimeOrderedIds.of(recordedAt.toEpochMilli(), random.nextLong(), random.nextLong()),
                event.eventId(), event.eventType(),
                event.source(), event.resourceType(), event.resourceId(), event.projectId(), event.userId(),
                event.role(), event.action(), CanonicalJson.of(event.changes()),
                CanonicalJson.of(event.requestMetadata()), Sensitivity.of(event.eventType()), event.aggregateVersion(),
                event.occurredAt(), recordedAt, chainId, seq);
    }

    private static String row(CopyRows line, ChainedEntry chained) {
        AuditEntry e = chained.entry();
        return line.add(e.id()).add(e.eventId()).add(e.eventType()).add(e.source()).add(e.resourceType())
                .add(e.resourceId()).add(e.projectId()).add(e.userId()).add(e.actorRole()).add(e.action())
                .add(e.changes().text()).add(e.requestMetadata().text()).add(e.sensitivityLevel())
                .add(e.aggregateVersion()).add(Timestamps.format(e.occurredAt()))
                .add(Timestamps.format(e.recordedAt())).add(e.chainId()).add(e.seq()).add(chained.prevChecksum())
                .add(chained.checksum()).end();
    }

    private static void write(CopyIn copy, StringBuilder chunk) throws SQLException {
        byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        chunk.setLength(0);
    }

    private static void requireEmpty(Connection db) throws SQLException {
        try (Statement sql = db.createStatement();
                ResultSet any = sql.executeQuery("SELECT EXISTS (SELECT 1 FROM audit_logs)")) {
            any.next();
            if (any.getBoolean(1)) {
                throw new IllegalStateException("audit_logs is not empty: load a dataset into a fresh database");
            }
        }
    }

    /** The monthly partitions of audit_logs the rows fall in (the service creates only the current and later ones). */
    private static void createPartitions(Connection db, Instant from, Instant to) throws SQLException {
        try (PreparedStatement sql = db.prepareStatement("SELECT count(*) FILTER (WHERE audit_logs_create_partition(m::date))"
                + " FROM generate_series(date_trunc('month', ?::timestamptz AT TIME ZONE 'UTC'),"
                + " ?::timestamptz AT TIME ZONE 'UTC', interval '1 month') AS m")) {
            sql.setObject(1, from.atOffset(ZoneOffset.UTC));
            sql.setObject(2, to.atOffset(ZoneOffset.UTC));
            try (ResultSet created = sql.executeQuery()) {
                created.next();
                System.out.printf("created %d monthly partitions of audit_logs%n", created.getLong(1));
            }
        }
    }

    /**
     * The statement triggers that copy inserted rows' keys into audit_log_keys and count them into audit_activity (V46)
     * would hold the whole COPY in their transition tables; the load fills both with one INSERT ... SELECT each after it
     * instead, with the triggers off.
     */
    private static void keysTrigger(Connection db, String state) throws SQLException {
        try (Statement sql = db.createStatement()) {
            sql.execute("ALTER TABLE audit_logs " + state + " TRIGGER audit_logs_keys");
            sql.execute("ALTER TABLE audit_logs " + state + " TRIGGER audit_logs_activity");
        }
    }

    private static void copyKeys(Connection db) throws SQLException {
        long began = System.nanoTime();
        try (Statement sql = db.createStatement()) {
            int keys = sql.executeUpdate("INSERT INTO audit_log_keys (id, event_id, chain_id, seq, occurred_at)"
                    + " SELECT id, event_id, chain_id, seq, occurred_at FROM audit_logs");
            System.out.printf("copied %d keys into audit_log_keys in %.1f s%n", keys, (System.nanoTime() - began) / 1e9);
            // The backfill of V46, per UTC hour and key: what the trigger would have counted.
            int hours = sql.executeUpdate("INSERT INTO audit_activity (hour, event_type, resource_type, action,"
                    + " sensitivity_level, entries) SELECT date_trunc('hour', occurred_at, 'UTC'), event_type,"
                    + " resource_type, action, sensitivity_level, count(*) FROM audit_logs GROUP BY 1, 2, 3, 4, 5");
            System.out.printf("counted the entries into %d rows of audit_activity%n", hours);
        }
        keysTrigger(db, "ENABLE");
    }

    /** Drops the indexes of audit_logs that back no constraint and returns their definitions. */
    private static List<String> dropPlainIndexes(Connection db) throws SQLException {
        List<String> definitions = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (Statement sql = db.createStatement();
                ResultSet plain = sql.executeQuery("""
                        SELECT i.indexname, i.indexdef FROM pg_indexes i
                        WHERE i.schemaname = current_schema() AND i.tablename = 'audit_logs'
                          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)""")) {
            while (plain.next()) {
                names.add(plain.getString(1));
                // audit_logs is partitioned (V43): pg_get_indexdef says "ON ONLY audit_logs", which would build an
                // invalid index of the parent alone and none on the partitions. Without ONLY, every partition gets it.
                definitions.add(plain.getString(2).replace(" ON ONLY ", " ON "));
            }
        }
        try (Statement sql = db.createStatement()) {
            for (String name : names) {
                sql.execute("DROP INDEX \"" + name + "\"");
            }
        }
        System.out.printf("dropped %d plain indexes for the load: %s%n", names.size(), names);
        return definitions;
    }

    /**
     * Each resource's version head and each chain's counted seq, as the ingest keeps them (audit_resource_heads,
     * audit_resource_head_chains), with the query of their V42 backfill: without them the first ingest batch on each
     * chain of a loaded dataset would fold the whole chain in first.
     */
    private static void versionHeads(Connection db) throws SQLException {
        try (Statement sql = db.createStatement()) {
            int heads = sql.executeUpdate("INSERT INTO audit_resource_heads (resource_type, resource_id, version,"
                    + " previous_version) SELECT resource_type, resource_id, max(aggregate_version), max(aggregate_version)"
                    + " FROM audit_logs WHERE aggregate_version > 0 AND resource_id IS NOT NULL"
                    + " GROUP BY resource_type, resource_id");
            sql.executeUpdate("INSERT INTO audit_resource_head_chains (chain_id, seq)"
                    + " SELECT chain_id, max(seq) FROM audit_logs GROUP BY chain_id");
            System.out.printf("wrote %d resource version heads%n", heads);
        }
    }

    private static void rebuild(Connection db, List<String> definitions) throws SQLException {
        long began = System.nanoTime();
        try (Statement sql = db.createStatement()) {
            sql.execute("SET maintenance_work_mem = '512MB'");
            for (String definition : definitions) {
                sql.execute(definition);
            }
            System.out.printf("rebuilt %d indexes in %.1f s%n", definitions.size(), (System.nanoTime() - began) / 1e9);
            try (ResultSet invalid = sql.executeQuery("""
                    SELECT count(*) FILTER (WHERE NOT x.indisvalid), count(*) FILTER (WHERE c.relkind = 'i')
                    FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
                    WHERE x.indrelid IN (SELECT inhrelid FROM pg_inherits WHERE inhparent = 'audit_logs'::regclass
                                         UNION ALL SELECT 'audit_logs'::regclass)""")) {
                invalid.next();
                if (invalid.getLong(1) > 0 || invalid.getLong(2) == 0) {
                    throw new IllegalStateException("audit_logs' indexes were not rebuilt on its partitions: "
                            + invalid.getLong(1) + " invalid, " + invalid.getLong(2) + " partition indexes");
                }
            }
            sql.execute("VACUUM (ANALYZE) audit_logs");
            sql.execute("VACUUM (ANALYZE) audit_log_keys");
            sql.execute("VACUUM (ANALYZE) audit_tlog_tiles");
            sql.execute("VACUUM (ANALYZE) audit_tlog_trees");
            sql.execute("VACUUM (ANALYZE) audit_resource_heads");
            sql.execute("VACUUM (ANALYZE) audit_activity");
        }
        System.out.printf("indexes + vacuum analyze: %.1f s%n", (System.nanoTime() - began) / 1e9);
    }
}
