package io.pjctrl.audit.privacy;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pjctrl.audit.directory.DirectoryService;
import io.pjctrl.audit.ownevent.OwnEventPublisher;
import io.pjctrl.audit.ownevent.Requester;
import io.pjctrl.audit.web.ConflictProblem;
import io.pjctrl.contract.chain.Timestamps;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Erases a data subject (docs/personal-data.md): in one transaction, under the subject's exclusive lock, counts its
 * entries, deletes its data key and with it every opening, and records the tombstone that keeps the ingest from
 * storing openings for it again, and blanks the user's name and e-mail in the names directory; a matching legal hold
 * refuses it (409). Then it VACUUMs those tables and publishes the erasure as an audit event. The log itself
 * is not touched: its commitments, checksums, leaves and checkpoints stay valid.
 *
 * <p>
 * No other audit table holds a subject's declared values: alert messages name actors by user id (by IP only for
 * actor-less events, whose values have no subject and stay in clear), resource heads and version gaps hold ids.
 */
@ApplicationScoped
public class ErasureService {

    private final Pool pool;
    private final PersonalValueRepository repository;
    private final OwnEventPublisher events;
    private final HoldService holds;
    private final DirectoryService directory;

    public ErasureService(Pool pool, PersonalValueRepository repository, OwnEventPublisher events,
            HoldService holds, DirectoryService directory) {
        this.pool = pool;
        this.repository = repository;
        this.events = events;
        this.holds = holds;
        this.directory = directory;
    }

    public Uni<ErasureView> erase(UUID subject, String reason, Requester caller) {
        Instant now = Timestamps.truncate(Instant.now());
        return pool.withTransaction(connection -> destroy(connection, subject, reason, caller, now))
                .call(erasure -> repository.vacuum(pool)
                        .call(() -> directory.vacuum(pool))
                        .onFailure().invoke(e -> Log.warnf(e, "VACUUM after erasure %s failed; run it by hand", erasure.id()))
                        .onFailure().recoverWithNull())
                .chain(erasure -> events.publish(OwnEventPublisher.ERASURES, ErasureEvents.of(erasure, caller))
                        .call(() -> repository.eventRecorded(pool, erasure.id()))
                        .replaceWith(true)
                        .onFailure().invoke(e -> Log.errorf(e, "Erasure %s is done but its audit event was not"
                                + " acknowledged by the broker", erasure.id()))
                        .onFailure().recoverWithItem(false)
                        .map(recorded -> view(erasure, recorded)));
    }

    private Uni<PersonalValueRepository.Erasure> destroy(SqlConnection connection, UUID subject, String reason,
            Requester caller, Instant now) {
        return repository.lock(connection, subject)
                // Before anything is counted or destroyed, under the subject's lock: a matching legal hold refuses the
                // erasure (409 problem+json naming the hold); nothing below runs for a held subject.
                .chain(() -> holds.activeHoldOnSubject(connection, subject))
                .invoke(hold -> hold.ifPresent(h -> {
                    throw new ConflictProblem("legal hold " + h.id() + " (" + h.reason() + ") matches user " + subject
                            + ": release it before erasing");
                }))
                .chain(() -> repository.counts(connection, subject))
                .chain(counts -> {
                    PersonalValueRepository.Erasure erasure = new PersonalValueRepository.Erasure(UUID.randomUUID(),
                            subject, reason, caller.userId(), now, counts[0], counts[1], UUID.randomUUID());
                    return repository.deleteKey(connection, subject)
                            .chain(() -> directory.forget(connection, subject))
                            .chain(() -> repository.insertErasure(connection, erasure))
                            .replaceWith(erasure);
                })
                .invoke(e -> Log.infof("Erased data subject %s: %d entries affected, %d not erasable (erasure %s)",
                        subject, e.entriesAffected(), e.entriesNotErasable(), e.id()));
    }

    private static ErasureView view(PersonalValueRepository.Erasure e, boolean recorded) {
        return new ErasureView(e.id(), e.subject(), e.reason(), e.requestedBy(), e.erasedAt(), e.entriesAffected(),
                e.entriesNotErasable(), e.eventId(), recorded);
    }
}
