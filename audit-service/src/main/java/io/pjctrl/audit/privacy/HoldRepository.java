package io.pjctrl.audit.privacy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pjctrl.audit.sql.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** audit_legal_holds (V45): the one owner of the table. Rows are never deleted; a release sets released_at/by once. */
@ApplicationScoped
public class HoldRepository {

    private static final String INSERT = "INSERT INTO audit_legal_holds (" + Hold.COLUMNS + ")"
            + " VALUES ($1, $2, $3, $4, $5, $6, NULL, NULL) RETURNING " + Hold.COLUMNS;
    private static final String RELEASE = "UPDATE audit_legal_holds SET released_at = $2, released_by = $3"
            + " WHERE id = $1 AND released_at IS NULL RETURNING " + Hold.COLUMNS;
    private static final String BY_ID = "SELECT " + Hold.COLUMNS + " FROM audit_legal_holds WHERE id = $1";
    private static final String LIST = "SELECT " + Hold.COLUMNS + " FROM audit_legal_holds"
            + " WHERE ($1::boolean IS NULL OR (released_at IS NULL) = $1) ORDER BY created_at DESC, id DESC LIMIT $2";
    private static final String ACTIVE = "SELECT " + Hold.COLUMNS + " FROM audit_legal_holds WHERE released_at IS NULL"
            + " ORDER BY created_at, id";
    private static final String ACTIVE_FOR_USER = "SELECT " + Hold.COLUMNS + " FROM audit_legal_holds"
            + " WHERE released_at IS NULL AND user_id = $1 ORDER BY created_at, id LIMIT 1";

    /**
     * The first active hold that matches a data subject's entries: a hold on the user, or a hold on a project in which
     * the user acted (an entry with that project and that actor).
     */
    private static final String ACTIVE_FOR_SUBJECT = "SELECT " + Hold.COLUMNS + " FROM audit_legal_holds h"
            + " WHERE h.released_at IS NULL AND (h.user_id = $1 OR (h.project_id IS NOT NULL AND EXISTS"
            + " (SELECT 1 FROM audit_logs l WHERE l.project_id = h.project_id AND l.user_id = $1)))"
            + " ORDER BY h.created_at, h.id LIMIT 1";

    /**
     * Placing a hold and an erasure's check for one serialize on this transaction-level lock: a placement takes it
     * exclusively before its insert, an erasure shared before its check (erasures do not wait for each other). So a
     * hold is either committed before an erasure's check sees the holds, or placed after that erasure has committed.
     * Without it, a hold committed between the check and the erasure's commit would not have stopped the erasure.
     */
    static final String LOCK_PLACEMENT = "SELECT pg_advisory_xact_lock(hashtext('pjctrl.privacy.holds'), 0)";
    static final String LOCK_CHECK = "SELECT pg_advisory_xact_lock_shared(hashtext('pjctrl.privacy.holds'), 0)";

    private final Pool pool;

    public HoldRepository(Pool pool) {
        this.pool = pool;
    }

    /** {@link #LOCK_PLACEMENT}, until the transaction ends. */
    Uni<Void> lockForPlacement(SqlClient client) {
        return client.query(LOCK_PLACEMENT).execute().replaceWithVoid();
    }

    /** {@link #LOCK_CHECK}, until the transaction ends. */
    Uni<Void> lockForCheck(SqlClient client) {
        return client.query(LOCK_CHECK).execute().replaceWithVoid();
    }

    Uni<Hold> insert(SqlClient client, UUID id, UUID userId, UUID projectId, String reason, Instant at, String by) {
        return client.preparedQuery(INSERT)
                .execute(Tuple.from(new Object[]{id, userId, projectId, reason, at.atOffset(ZoneOffset.UTC), by}))
                .map(rows -> hold(rows.iterator().next()));
    }

    /** Releases an active hold; empty when it does not exist or was released already. */
    Uni<Optional<Hold>> release(SqlClient client, UUID id, Instant at, String by) {
        return client.preparedQuery(RELEASE)
                .execute(Tuple.of(id, at.atOffset(ZoneOffset.UTC), by))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(hold(rows.iterator().next())));
    }

    Uni<Optional<Hold>> find(UUID id) {
        return pool.preparedQuery(BY_ID)
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(hold(rows.iterator().next())));
    }

    /** Newest first; {@code active} null lists all. */
    Uni<List<Hold>> list(Boolean active, int limit) {
        return pool.preparedQuery(LIST)
                .execute(Tuple.of(active, limit))
                .map(rows -> Rows.list(rows, HoldRepository::hold));
    }

    public Uni<List<Hold>> active() {
        return pool.query(ACTIVE)
                .execute()
                .map(rows -> Rows.list(rows, HoldRepository::hold));
    }

    Uni<Optional<Hold>> activeForUser(UUID userId) {
        return pool.preparedQuery(ACTIVE_FOR_USER)
                .execute(Tuple.of(userId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(hold(rows.iterator().next())));
    }

    Uni<Optional<Hold>> activeForSubject(SqlClient client, UUID userId) {
        return client.preparedQuery(ACTIVE_FOR_SUBJECT)
                .execute(Tuple.of(userId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(hold(rows.iterator().next())));
    }

    private static Hold hold(Row row) {
        return new Hold(row.getUUID("id"), row.getUUID("user_id"), row.getUUID("project_id"), row.getString("reason"),
                instant(row.getOffsetDateTime("created_at")), row.getString("created_by"),
                instant(row.getOffsetDateTime("released_at")), row.getString("released_by"));
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
