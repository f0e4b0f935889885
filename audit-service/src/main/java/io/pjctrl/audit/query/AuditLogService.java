package io.pjctrl.audit.query;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pjctrl.audit.log.AuditLogFilter;
import io.pjctrl.audit.log.AuditLogRepository;
import io.pjctrl.audit.log.CursorCodec;
import io.pjctrl.audit.log.KeysetCursor;
import io.pjctrl.audit.log.StoredEntry;
import io.pjctrl.audit.privacy.PersonalData;
import io.pjctrl.audit.web.NotFoundProblem;
import io.smallrye.mutiny.Uni;

/** Filtered, newest-first keyset paging over the audit log, and single entries. */
@ApplicationScoped
public class AuditLogService {

    static final String CURSOR_SCOPE = "audit-logs|";

    private final AuditLogRepository logs;
    private final CursorCodec cursors;
    private final ObjectMapper json;
    private final PersonalData personalData;

    public AuditLogService(AuditLogRepository logs, CursorCodec cursors, ObjectMapper json, PersonalData personalData) {
        this.logs = logs;
        this.personalData = personalData;
        this.cursors = cursors;
        this.json = json;
    }

    /**
     * One page. Reads {@code limit + 1} rows to know whether another page follows without a count; the cursor is the
     * last returned row's (occurred_at, id), so rows arriving meanwhile never shift the pages (no repeats, no gaps).
     */
    public Uni<AuditLogPage> page(AuditLogFilter filter, String cursor, int limit, boolean includeTotal) {
        String scope = CURSOR_SCOPE + filter.fingerprint();
        KeysetCursor after = cursor == null ? null : cursors.decode(cursor, scope, "cursor");
        Uni<Long> total = includeTotal ? logs.count(filter) : Uni.createFrom().nullItem();
        return logs.page(filter, after, limit + 1)
                .chain(rows -> personalData.shown(rows))
                .chain(rows -> total.map(count -> toPage(rows, limit, count, scope)));
    }

    public Uni<AuditLogView> get(UUID id) {
        return logs.findById(id)
                .onItem().ifNull().failWith(() -> new NotFoundProblem("audit log entry", id))
                .chain(personalData::shown)
                .map(entry -> AuditLogView.of(entry, json));
    }

    private AuditLogPage toPage(List<StoredEntry> rows, int limit, Long total, String scope) {
        boolean more = rows.size() > limit;
        List<StoredEntry> items = more ? rows.subList(0, limit) : rows;
        String next = null;
        if (more) {
            StoredEntry last = items.get(items.size() - 1);
            next = cursors.encode(new KeysetCursor(last.occurredAt(), last.id()), scope);
        }
        return new AuditLogPage(items.stream().map(e -> AuditLogView.of(e, json)).toList(), next, total);
    }
}
