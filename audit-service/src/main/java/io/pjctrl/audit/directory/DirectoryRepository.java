package io.pjctrl.audit.directory;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pjctrl.contract.event.ValidEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The one owner of {@code audit_directory} (V48): the names the ingest learns from events, looked up by id and
 * searched by name or e-mail, and a user's erasure. The reactive PG client is used directly: the ingest's write is one
 * {@code INSERT ... ON CONFLICT} over unnest() arrays per batch (and none for a batch without names), inside the
 * batch's transaction, so a name is stored exactly when its entry is.
 */
@ApplicationScoped
public class DirectoryRepository {

    /**
     * A field is replaced only by a value from a later event (aggregate_version, then occurred_at), so the order in
     * which events are processed does not matter; an erased row is never written again.
     */
    static final String LEARN = """
            INSERT INTO audit_directory AS d (resource_id, resource_type, name, name_version, name_occurred_at, email,
                                              email_version, email_occurred_at)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int8[], $5::timestamptz[], $6::text[],
                                 $7::int8[], $8::timestamptz[])
            ON CONFLICT (resource_id, resource_type) DO UPDATE SET
                name = CASE WHEN %1$s THEN EXCLUDED.name ELSE d.name END,
                name_version = CASE WHEN %1$s THEN EXCLUDED.name_version ELSE d.name_version END,
                name_occurred_at = CASE WHEN %1$s THEN EXCLUDED.name_occurred_at ELSE d.name_occurred_at END,
                email = CASE WHEN %2$s THEN EXCLUDED.email ELSE d.email END,
                email_version = CASE WHEN %2$s THEN EXCLUDED.email_version ELSE d.email_version END,
                email_occurred_at = CASE WHEN %2$s THEN EXCLUDED.email_occurred_at ELSE d.email_occurred_at END
            WHERE d.erased_at IS NULL
            """.formatted(later("name"), later("email"));

    private static final String COLUMNS = "resource_type, resource_id, name, email, erased_at IS NOT NULL";

    /** By the primary key's leading column: the caller knows the ids, not always their types. */
    private static final String LOOKUP = "SELECT " + COLUMNS + " FROM audit_directory WHERE resource_id = ANY($1::text[])";

    /**
     * Substring of name or e-mail, any case, served by the trigram indexes (one BitmapOr); names that start with the
     * query come first. $1 is the escaped %q% pattern, $3 the q% one.
     */
    static final String SEARCH = "SELECT " + COLUMNS + " FROM audit_directory"
            + " WHERE (name ILIKE $1 OR email ILIKE $1) AND erased_at IS NULL AND ($2::text IS NULL OR resource_type = $2)"
            + " ORDER BY (coalesce(name ILIKE $3, false) OR coalesce(email ILIKE $3, false)) DESC, lower(name), resource_id"
            + " LIMIT $4";

    /** Clears the user's name and e-mail and marks the row erased (made if absent, so a late event cannot add it). */
    private static final String FORGET = """
            INSERT INTO audit_directory AS d (resource_id, resource_type, erased_at) VALUES ($1, 'user', $2)
            ON CONFLICT (resource_id, resource_type) DO UPDATE SET name = NULL, name_version = NULL,
                name_occurred_at = NULL, email = NULL, email_version = NULL, email_occurred_at = NULL,
                erased_at = coalesce(d.erased_at, EXCLUDED.erased_at)
            """;

    private static final Comparator<NameFields.Learned> LATER = Comparator.comparingLong(NameFields.Learned::version)
            .thenComparing(NameFields.Learned::occurredAt);

    private final Pool pool;

    public DirectoryRepository(Pool pool) {
        this.pool = pool;
    }

    private static String later(String field) {
        return "(EXCLUDED.%1$s IS NOT NULL AND (d.%1$s IS NULL OR (EXCLUDED.%1$s_version, EXCLUDED.%1$s_occurred_at)"
                .formatted(field) + " > (d.%1$s_version, d.%1$s_occurred_at)))".formatted(field);
    }

    /** Learns the names the batch's events carry, in the caller's transaction: one statement, or none. */
    public Uni<Void> learn(SqlClient client, List<ValidEvent> events) {
        List<Learning> rows = latestPerResource(events);
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = rows.size();
        String[] id = new String[n], type = new String[n], name = new String[n], email = new String[n];
        Long[] nameVersion = new Long[n], emailVersion = new Long[n];
        OffsetDateTime[] nameAt = new OffsetDateTime[n], emailAt = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            Learning row = rows.get(i);
            id[i] = row.resourceId;
            type[i] = row.resourceType;
            if (row.name != null) {
                name[i] = row.name.name();
                nameVersion[i] = row.name.version();
                nameAt[i] = utc(row.name.occurredAt());
            }
            if (row.email != null) {
                email[i] = row.email.email();
                emailVersion[i] = row.email.version();
                emailAt[i] = utc(row.email.occurredAt());
            }
        }
        return client.preparedQuery(LEARN)
                .execute(Tuple.from(new Object[]{id, type, name, nameVersion, nameAt, email, emailVersion, emailAt}))
                .replaceWithVoid();
    }

    /** One resource's row of a batch: its name and its e-mail, each from the batch's latest event that carries it. */
    static final class Learning {

        final String resourceId;
        final String resourceType;
        NameFields.Learned name;
        NameFields.Learned email;

        Learning(String resourceId, String resourceType) {
            this.resourceId = resourceId;
            this.resourceType = resourceType;
        }
    }

    /**
     * One row per resource (an upsert may not touch a row twice), sorted by key so that two batches lock the rows
     * they share in one order.
     */
    static List<Learning> latestPerResource(List<ValidEvent> events) {
        Map<String, Learning> rows = new TreeMap<>();
        for (ValidEvent event : events) {
            NameFields.Learned l = NameFields.of(event);
            if (l == null) {
                continue;
            }
            Learning row = rows.computeIfAbsent(l.resourceId() + '\u0000' + l.resourceType(),
                    k -> new Learning(l.resourceId(), l.resourceType()));
            if (l.name() != null && (row.name == null || LATER.compare(l, row.name) > 0)) {
                row.name = l;
            }
            if (l.email() != null && (row.email == null || LATER.compare(l, row.email) > 0)) {
                row.email = l;
            }
        }
        return List.copyOf(rows.values());
    }

    public Uni<List<DirectoryEntry>> lookup(List<String> ids) {
        return pool.preparedQuery(LOOKUP)
                .execute(Tuple.of(ids.toArray(String[]::new)))
                .map(DirectoryRepository::entries);
    }

    public Uni<List<DirectoryEntry>> search(String query, String kind, int limit) {
        String escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return pool.preparedQuery(SEARCH)
                .execute(Tuple.of("%" + escaped + "%", kind, escaped + "%", limit))
                .map(DirectoryRepository::entries);
    }

    /** Erases the user's name and e-mail from the directory, in the caller's transaction. */
    public Uni<Void> forget(SqlClient client, UUID userId, Instant at) {
        return client.preparedQuery(FORGET)
                .execute(Tuple.of(userId.toString(), utc(at)))
                .replaceWithVoid();
    }

    private static List<DirectoryEntry> entries(Iterable<Row> rows) {
        List<DirectoryEntry> entries = new ArrayList<>();
        for (Row row : rows) {
            entries.add(new DirectoryEntry(row.getString(0), row.getString(1), row.getString(2), row.getString(3),
                    row.getBoolean(4)));
        }
        return entries;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
