package io.pjctrl.audit.log;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pjctrl.audit.sql.Rows;
import io.pjctrl.audit.sql.Unnest;
import io.pjctrl.contract.chain.ChainHead;
import io.pjctrl.contract.chain.ChainedEntry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The writes of audit_logs and of the version gaps the ingest finds in it (audit_version_gaps), and the reads the
 * ingest makes inside the same transaction (duplicates, chain heads; resource versions are {@link ResourceHeads}').
 * The reactive PG client is used directly (not Panache) because each statement handles a whole batch through array
 * parameters and unnest(): a constant number of round trips per batch, whatever its size. Rows are only ever
 * inserted: triggers refuse UPDATE and DELETE. The insert's statement trigger copies each row's keys (id, event_id,
 * chain_id, seq) into audit_log_keys, whose unique indexes refuse a duplicate across all partitions (V43).
 */
@ApplicationScoped
public class AuditLogWriter {

    /** audit_log_keys holds every stored event id, one unpartitioned unique index (V43): one probe per id. */
    private static final String EXISTING = "SELECT event_id FROM audit_log_keys WHERE event_id = ANY($1::uuid[])";

    /**
     * The event ids among these whose row is in audit_logs itself, not only their key in audit_log_keys (a row deleted
     * by someone with the owner's rights keeps its key): audit_log_keys finds each id's occurred_at and row id, which
     * prune to one partition and its (occurred_at DESC, id DESC) index.
     */
    private static final String STORED = """
            SELECT l.event_id FROM audit_log_keys k
            JOIN audit_logs l ON l.occurred_at = k.occurred_at AND l.id = k.id AND l.event_id = k.event_id
            WHERE k.event_id = ANY($1::uuid[])
            """;

    /**
     * Each chain's head via the (chain_id, seq) index of every partition: a Merge Append that descends each
     * partition's index once per chain (cost grows with the number of partitions, not of rows).
     */
    private static final String HEADS = """
            SELECT c.chain_id, h.seq, h.checksum
            FROM unnest($1::text[]) AS c(chain_id)
            JOIN LATERAL (SELECT seq, checksum FROM audit_logs l WHERE l.chain_id = c.chain_id
                          ORDER BY seq DESC LIMIT 1) h ON true
            """;

    private static final String INSERT = """
            INSERT INTO audit_logs (id, event_id, event_type, source, resource_type, resource_id, project_id, user_id,
                                    actor_role, action, changes, request_metadata, sensitivity_level, aggregate_version,
                                    occurred_at, recorded_at, chain_id, seq, prev_checksum, checksum, entry_format,
                                    source_partition, source_offset)
            SELECT id, event_id, event_type, source, resource_type, resource_id, project_id, user_id, actor_role, action,
                   changes::jsonb, request_metadata::jsonb, sensitivity_level, aggregate_version, occurred_at, recorded_at,
                   chain_id, seq, prev_checksum, checksum, entry_format, source_partition, source_offset
            FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::uuid[],
                        $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::int8[], $15::timestamptz[],
                        $16::timestamptz[], $17::text[], $18::int8[], $19::text[], $20::text[], $21::int2[], $22::int4[],
                        $23::int8[])
                 AS t(id, event_id, event_type, source, resource_type, resource_id, project_id, user_id, actor_role, action,
                      changes, request_metadata, sensitivity_level, aggregate_version, occurred_at, recorded_at, chain_id,
                      seq, prev_checksum, checksum, entry_format, source_partition, source_offset)
            """;

    private static final String INSERT_GAPS = """
            INSERT INTO audit_version_gaps (id, resource_type, resource_id, expected_version, received_version, event_id,
                                            detected_at)
            SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int8[], $5::int8[], $6::uuid[], $7::timestamptz[])
            """;

    /** The parameters of {@link #INSERT}, in its order. */
    private static final Unnest<ChainedEntry> ENTRY_COLUMNS = Unnest.<ChainedEntry>of()
            .column(UUID[]::new, c -> c.entry().id())
            .column(UUID[]::new, c -> c.entry().eventId())
            .column(String[]::new, c -> c.entry().eventType())
            .column(String[]::new, c -> c.entry().source())
            .column(String[]::new, c -> c.entry().resourceType())
            .column(String[]::new, c -> c.entry().resourceId())
            .column(UUID[]::new, c -> c.entry().projectId())
            .column(UUID[]::new, c -> c.entry().userId())
            .column(String[]::new, c -> c.entry().actorRole())
            .column(String[]::new, c -> c.entry().action())
            .column(String[]::new, c -> c.entry().changes().text())
            .column(String[]::new, c -> c.entry().requestMetadata().text())
            .column(String[]::new, c -> c.entry().sensitivityLevel())
            .column(Long[]::new, c -> c.entry().aggregateVersion())
            .column(OffsetDateTime[]::new, c -> utc(c.entry().occurredAt()))
            .column(OffsetDateTime[]::new, c -> utc(c.entry().recordedAt()))
            .column(String[]::new, c -> c.entry().chainId())
            .column(Long[]::new, c -> c.entry().seq())
            .column(String[]::new, ChainedEntry::prevChecksum)
            .column(String[]::new, ChainedEntry::checksum)
            .column(Short[]::new, c -> (short) c.entry().entryFormat())
            .column(Integer[]::new, c -> c.entry().entrySource() == null ? null : c.entry().entrySource().partition())
            .column(Long[]::new, c -> c.entry().entrySource() == null ? null : c.entry().entrySource().offset());

    /** A version gap to record. */
    public record VersionGap(String resourceType, String resourceId, long expected, long received, UUID eventId) {
    }

    public Uni<Set<UUID>> existingEventIds(SqlClient client, UUID[] eventIds) {
        return client.preparedQuery(EXISTING)
                .execute(Tuple.of(eventIds))
                .map(Rows::uuidSet);
    }

    /** Event ids whose rows are stored in audit_logs (reconciliation: what the log holds, not what it once held). */
    public Uni<Set<UUID>> storedEventIds(SqlClient client, UUID[] eventIds) {
        return client.preparedQuery(STORED)
                .execute(Tuple.of(eventIds))
                .map(Rows::uuidSet);
    }

    /** Stored head of each chain; chains without entries are absent. */
    public Uni<Map<String, ChainHead>> heads(SqlClient client, String[] chainIds) {
        return client.preparedQuery(HEADS)
                .execute(Tuple.of(chainIds))
                .map(rows -> {
                    Map<String, ChainHead> heads = new HashMap<>();
                    for (Row row : rows) {
                        heads.put(row.getString(0), new ChainHead(row.getString(0), row.getLong(1), row.getString(2)));
                    }
                    return heads;
                });
    }

    public Uni<Void> insert(SqlClient client, List<ChainedEntry> entries) {
        return client.preparedQuery(INSERT)
                .execute(ENTRY_COLUMNS.tuple(entries))
                .replaceWithVoid();
    }

    public Uni<Void> insertGaps(SqlClient client, List<VersionGap> gaps, Instant detectedAt) {
        if (gaps.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        OffsetDateTime at = utc(detectedAt);
        Unnest<VersionGap> columns = Unnest.<VersionGap>of()
                .column(UUID[]::new, gap -> UUID.randomUUID())
                .column(String[]::new, VersionGap::resourceType)
                .column(String[]::new, VersionGap::resourceId)
                .column(Long[]::new, VersionGap::expected)
                .column(Long[]::new, VersionGap::received)
                .column(UUID[]::new, VersionGap::eventId)
                .column(OffsetDateTime[]::new, gap -> at);
        return client.preparedQuery(INSERT_GAPS)
                .execute(columns.tuple(gaps))
                .replaceWithVoid();
    }

    public static String resourceKey(String resourceType, String resourceId) {
        return resourceType + '\u0000' + resourceId;
    }

    public static OffsetDateTime utc(Instant instant) {
        // Not instant.atOffset(UTC): that builds a ZoneRules per call, and this runs for every timestamp of a batch.
        return OffsetDateTime.of(LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC),
                ZoneOffset.UTC);
    }
}
