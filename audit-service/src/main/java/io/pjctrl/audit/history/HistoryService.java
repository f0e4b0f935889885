package io.pjctrl.audit.history;

import java.time.Instant;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pjctrl.audit.AuditServiceConfig;
import io.pjctrl.audit.log.AuditLogRepository;
import io.pjctrl.audit.privacy.PersonalData;
import io.pjctrl.audit.web.NotFoundProblem;
import io.smallrye.mutiny.Uni;

/** A resource's timeline and its state at an instant, both from the audit log alone. */
@ApplicationScoped
public class HistoryService {

    private static final int BATCH = 200;

    private final AuditLogRepository log;
    /** A fresh fold per request: it holds that request's entries and state. */
    private final Supplier<HistoryFold> folds;
    private final PersonalData personalData;

    public HistoryService(AuditLogRepository log, ObjectMapper json, AuditServiceConfig config, PersonalData personalData) {
        int maxEntries = config.api().historyMaxEntries();
        this.log = log;
        this.personalData = personalData;
        this.folds = () -> new HistoryFold(json, maxEntries);
    }

    public Uni<ResourceHistory> history(String type, String id, Instant asOf) {
        return log.resourceExists(type, id)
                .chain(found -> found
                        ? fold(type, id, asOf)
                        : Uni.createFrom().failure(new NotFoundProblem("resource", type + "/" + id)));
    }

    private Uni<ResourceHistory> fold(String type, String id, Instant asOf) {
        // Personal values shown per batch of the timeline: one openings query per batch, not per entry.
        return log.timeline(type, id, asOf)
                .group().intoLists().of(BATCH)
                .onItem().transformToUniAndConcatenate(personalData::shown)
                .onItem().transformToIterable(list -> list)
                .collect()
                .in(folds, HistoryFold::add)
                .map(fold -> new ResourceHistory(type, id, asOf, fold.entries(), fold.truncated(),
                        asOf == null ? null : fold.state()));
    }
}
