package io.pjctrl.audit.privacy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.pjctrl.audit.log.AuditLogWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The tables of personal data (V44): audit_subject_keys, audit_personal_values, audit_erasures. The reactive PG client
 * with array parameters, as the ingest's other writes (one statement per batch, whatever its size).
 *
 * <p>
 * A subject's ingest and its erasure never interleave: the ingest takes a shared transaction-level advisory lock per
 * subject of its batch, the erasure the exclusive one; so an erasure either sees the batch's key and openings (and
 * deletes them) or the batch sees the erasure's tombstone (and keeps no opening).
 */
@ApplicationScoped
public class PersonalValueRepository {

    private static final String LOCK_SHARED = "SELECT pg_advisory_xact_lock_shared(hashtext('pjctrl.privacy.subject'),"
            + " hashtext(s::text)) FROM unnest($1::uuid[]) AS s";
    private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext('pjctrl.privacy.subject'), hashtext($1::text))";

    /** New keys for subjects that have none and were never erased. */
    private static final String INSERT_KEYS = """
            INSERT INTO audit_subject_keys (subject_id, wrapped_key)
            SELECT s, k FROM unnest($1::uuid[], $2::bytea[]) AS t(s, k)
            WHERE NOT EXISTS (SELECT 1 FROM audit_erasures e WHERE e.subject_id = t.s)
            ON CONFLICT (subject_id) DO NOTHING
            """;
    private static final String KEYS = "SELECT subject_id, wrapped_key FROM audit_subject_keys WHERE subject_id = ANY($1::uuid[])";
    private static final String INSERT_VALUES = """
            INSERT INTO audit_personal_values (entry_id, path, subject_id, sealed)
            SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::bytea[])
            """;
    private static final String OPENINGS = """
            SELECT v.entry_id, v.path, v.subject_id, v.sealed, k.wrapped_key
            FROM audit_personal_values v JOIN audit_subject_keys k ON k.subject_id = v.subject_id
            WHERE v.entry_id = ANY($1::uuid[])
            """;
    private static final String AFFECTED = "SELECT count(DISTINCT entry_id) FROM audit_personal_values WHERE subject_id = $1";
    /**
     * Entries about the subject that still hold one of its declared values in clear (stored before V44): as actor
     * (request metadata) or as the user resource (e-mail, display name).
     */
    private static final String NOT_ERASABLE = """
            SELECT count(*) FROM audit_logs
            WHERE (user_id = $1::uuid AND (jsonb_typeof(request_metadata -> 'ip') = 'string'
                                           OR jsonb_typeof(request_metadata -> 'user_agent') = 'string'))
               OR (resource_type = 'user' AND resource_id = $1::uuid::text
                   AND (jsonb_path_exists(changes, '$.email.* ? (@.type() == "string")')
                        OR jsonb_path_exists(changes, '$.display_name.* ? (@.type() == "string")')))
            """;
    private static final String DELETE_KEY = "DELETE FROM audit_subject_keys WHERE subject_id = $1";
    private static final String EVENT_RECORDED = "UPDATE audit_erasures SET event_recorded = true WHERE id = $1";
    private static final String INSERT_ERASURE = """
            INSERT INTO audit_erasures (id, subject_id, reason, requested_by, erased_at, entries_affected,
                                        entries_not_erasable, event_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """;

    /** A sealed opening to store. */
    public record SealedValue(UUID entryId, String path, UUID subject, byte[] sealed) {
    }

    /** A stored opening with its subject's wrapped key. */
    public record StoredValue(UUID entryId, String path, UUID subject, byte[] sealed, byte[] wrappedKey) {
    }

    /**
     * The wrapped key of each subject, made ({@code wrap}) for those without one; subjects erased before are absent.
     * Takes the subjects' shared locks until the transaction ends. Keys are read first: most subjects of a batch have
     * one already, so a key is made (and wrapped) only for the others, and a batch without new subjects skips the
     * insert.
     */
    public Uni<Map<UUID, byte[]>> keys(SqlClient client, UUID[] subjects, Function<UUID, byte[]> wrap) {
        return client.preparedQuery(LOCK_SHARED).execute(Tuple.of(subjects))
                .chain(() -> readKeys(client, subjects))
                .chain(keys -> {
                    UUID[] missing = Arrays.stream(subjects).filter(s -> !keys.containsKey(s)).toArray(UUID[]::new);
                    if (missing.length == 0) {
                        return Uni.createFrom().item(keys);
                    }
                    Buffer[] wrapped = new Buffer[missing.length];
                    for (int i = 0; i < missing.length; i++) {
                        wrapped[i] = Buffer.buffer(wrap.apply(missing[i]));
                    }
                    // Another batch may insert a subject's key meanwhile (ON CONFLICT keeps the first): read the
                    // stored ones back rather than trusting ours.
                    return client.preparedQuery(INSERT_KEYS).execute(Tuple.of(missing, wrapped))
                            .chain(() -> readKeys(client, missing))
                            .map(made -> {
                                keys.putAll(made);
                                return keys;
                            });
                });
    }

    private static Uni<Map<UUID, byte[]>> readKeys(SqlClient client, UUID[] subjects) {
        return client.preparedQuery(KEYS).execute(Tuple.of(subjects))
                .map(rows -> {
                    Map<UUID, byte[]> keys = new HashMap<>();
                    for (Row row : rows) {
                        keys.put(row.getUUID(0), row.getBuffer(1).getBytes());
                    }
                    return keys;
                });
    }

    public Uni<Void> insert(SqlClient client, List<SealedValue> values) {
        if (values.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = values.size();
        UUID[] entry = new UUID[n], subject = new UUID[n];
        String[] path = new String[n];
        Buffer[] sealed = new Buffer[n];
        for (int i = 0; i < n; i++) {
            SealedValue v = values.get(i);
            entry[i] = v.entryId();
            path[i] = v.path();
            subject[i] = v.subject();
            sealed[i] = Buffer.buffer(v.sealed());
        }
        return client.preparedQuery(INSERT_VALUES)
                .execute(Tuple.of(entry, path, subject, sealed))
                .replaceWithVoid();
    }

    /** The openings of these entries whose subject's key still exists (one query for a whole page or batch). */
    public Uni<List<StoredValue>> openings(SqlClient client, UUID[] entryIds) {
        return client.preparedQuery(OPENINGS)
                .execute(Tuple.of(entryIds))
                .map(rows -> {
                    List<StoredValue> found = new ArrayList<>();
                    for (Row row : rows) {
                        found.add(new StoredValue(row.getUUID(0), row.getString(1), row.getUUID(2),
                                row.getBuffer(3).getBytes(), row.getBuffer(4).getBytes()));
                    }
                    return found;
                });
    }

    /** Takes the subject's exclusive lock until the transaction ends (no ingest of its values meanwhile). */
    public Uni<Void> lock(SqlClient client, UUID subject) {
        return client.preparedQuery(LOCK).execute(Tuple.of(subject.toString())).replaceWithVoid();
    }

    /** Counts of the subject's entries: with openings (erasable), with clear values (stored before V44). */
    public Uni<long[]> counts(SqlClient client, UUID subject) {
        return client.preparedQuery(AFFECTED).execute(Tuple.of(subject))
                .chain(affected -> client.preparedQuery(NOT_ERASABLE).execute(Tuple.of(subject))
                        .map(clear -> new long[]{affected.iterator().next().getLong(0),
                                clear.iterator().next().getLong(0)}));
    }

    /** Deletes the subject's key and (cascading) its openings. */
    public Uni<Void> deleteKey(SqlClient client, UUID subject) {
        return client.preparedQuery(DELETE_KEY).execute(Tuple.of(subject)).replaceWithVoid();
    }

    public Uni<Void> insertErasure(SqlClient client, Erasure erasure) {
        return client.preparedQuery(INSERT_ERASURE)
                .execute(Tuple.from(new Object[]{erasure.id(), erasure.subject(), erasure.reason(), erasure.requestedBy(),
                        AuditLogWriter.utc(erasure.erasedAt()), erasure.entriesAffected(), erasure.entriesNotErasable(),
                        erasure.eventId()}))
                .replaceWithVoid();
    }

    /** Notes that the broker acknowledged the erasure's audit event. */
    public Uni<Void> eventRecorded(SqlClient client, UUID erasureId) {
        return client.preparedQuery(EVENT_RECORDED).execute(Tuple.of(erasureId)).replaceWithVoid();
    }

    /**
     * Reclaims the deleted rows' space so the heap pages no longer hold them (autovacuum may be off, and pg_dump never
     * shows dead rows anyway). Plain VACUUM: it takes no lock that blocks the ingest or a running export; rows an older
     * snapshot (a running export) can still see stay until the next VACUUM.
     */
    public Uni<Void> vacuum(SqlClient client) {
        return client.query("VACUUM audit_personal_values, audit_subject_keys").execute().replaceWithVoid();
    }

    /** An erasure as recorded. */
    public record Erasure(UUID id, UUID subject, String reason, String requestedBy, Instant erasedAt,
            long entriesAffected, long entriesNotErasable, UUID eventId) {
    }
}
