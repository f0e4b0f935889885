package io.pjctrl.audit.privacy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pjctrl.audit.ownevent.OwnEventPublisher;
import io.pjctrl.audit.ownevent.Requester;
import io.pjctrl.audit.web.ConflictProblem;
import io.pjctrl.audit.web.NotFoundProblem;
import io.pjctrl.audit.web.UnavailableProblem;
import io.pjctrl.contract.chain.Timestamps;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Legal holds: placed on a user or a project, released once, never deleted. Each change is an audit event
 * ({@link HoldEvents}) published inside the hold's transaction, which commits only after the broker's ack.
 * Retention ({@link RetentionService}) skips every month holding an entry an active hold matches; the erasure asks
 * {@link #activeHoldOnUser} and refuses (409) while there is one.
 */
@ApplicationScoped
public class HoldService {

    private final Pool pool;
    private final HoldRepository holds;
    private final OwnEventPublisher events;

    public HoldService(Pool pool, HoldRepository holds, OwnEventPublisher events) {
        this.pool = pool;
        this.holds = holds;
        this.events = events;
    }

    public Uni<Hold> place(HoldRequest request, Requester actor) {
        Instant now = Timestamps.truncate(Instant.now());
        return pool.withTransaction(client -> holds.lockForPlacement(client)
                .chain(() -> holds.insert(client, UUID.randomUUID(), request.userId(), request.projectId(),
                        request.reason(), now, actor.name()))
                .call(hold -> events
                        .publish(OwnEventPublisher.HOLDS, HoldEvents.created(UUID.randomUUID().toString(), hold, actor, now))
                        .onFailure().transform(e -> new UnavailableProblem(
                                "the hold could not be recorded as an audit event; no hold was placed", e))))
                .invoke(hold -> Log.infof("Legal hold %s placed on %s by %s", hold.id(), hold.subject(), actor.name()));
    }

    /** Releases an active hold: 404 when there is none with this id, 409 when it was released already. */
    public Uni<Hold> release(UUID id, Requester actor) {
        Instant now = Timestamps.truncate(Instant.now());
        return pool.withTransaction(client -> holds.release(client, id, now, actor.name())
                .chain(released -> released.isPresent()
                        ? events.publish(OwnEventPublisher.HOLDS,
                                HoldEvents.released(UUID.randomUUID().toString(), released.get(), actor, now))
                                .onFailure().transform(e -> new UnavailableProblem(
                                        "the release could not be recorded as an audit event; the hold stays", e))
                                .replaceWith(released.get())
                        : holds.find(id).map(existing -> {
                            throw existing.isPresent()
                                    ? new ConflictProblem("legal hold " + id + " was released already at "
                                            + existing.get().releasedAt() + " by " + existing.get().releasedBy())
                                    : new NotFoundProblem("legal hold", id);
                        })))
                .invoke(hold -> Log.infof("Legal hold %s on %s released by %s", hold.id(), hold.subject(), actor.name()));
    }

    public Uni<Hold> find(UUID id) {
        return holds.find(id).map(found -> found.orElseThrow(() -> new NotFoundProblem("legal hold", id)));
    }

    public Uni<List<Hold>> list(Boolean active, int limit) {
        return holds.list(active, limit);
    }

    /**
     * The oldest active hold on {@code userId}, if any: an erasure of that user must answer 409 naming it (issue 18).
     * Only user holds count here; a project hold keeps the project's entries in the log (retention), and the erasure
     * decides what a user's erasure means for entries of a held project.
     */
    public Uni<Optional<Hold>> activeHoldOnUser(UUID userId) {
        return holds.activeForUser(userId);
    }

    /**
     * The active hold that keeps a data subject from being erased, read in the erasure's transaction: a hold on the
     * user, or on a project with an entry of the user's. It waits for holds being placed to commit
     * ({@link HoldRepository#LOCK_CHECK}), and a hold placed after it waits for the erasure's transaction to end.
     */
    Uni<Optional<Hold>> activeHoldOnSubject(SqlClient client, UUID userId) {
        return holds.lockForCheck(client).chain(() -> holds.activeForSubject(client, userId));
    }

    /** Every active hold, for retention. */
    Uni<List<Hold>> active() {
        return holds.active();
    }
}
