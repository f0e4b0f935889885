package io.pjctrl.audit.alert;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.pjctrl.audit.AuditServiceConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.mutiny.core.Vertx;

/**
 * One SSE connection's alerts: those it missed since {@code Last-Event-ID} (read from audit_alerts), then the live ones
 * of {@link AlertFeed}, each exactly once and in position order, with a heartbeat while idle. A subscriber that cannot
 * keep up has its stream ended rather than alerts dropped: it reconnects with its last id and is replayed the rest.
 */
@ApplicationScoped
public class AlertStream {

    private static final int BUFFER = 256;

    private final AlertFeed feed;
    private final Vertx vertx;
    private final AuditServiceConfig.Alerts.Stream config;

    public AlertStream(AlertFeed feed, Vertx vertx, AuditServiceConfig config) {
        this.feed = feed;
        this.vertx = vertx;
        this.config = config.alerts().stream();
    }

    /** @param after the client's Last-Event-ID, or null for live alerts only */
    Multi<StreamedAlert> subscribe(Long after) {
        return Multi.createFrom().<StreamedAlert>emitter(emitter -> new Connection(emitter, after).start(),
                BackPressureStrategy.ERROR)
                .onOverflow().buffer(BUFFER);
    }

    /** Live alerts that arrive while the replay is read wait in {@code pending}; positions already sent are skipped. */
    private final class Connection {

        private final MultiEmitter<? super StreamedAlert> emitter;
        private final Long after;
        private long last;
        private List<StreamedAlert.Alert> pending;

        Connection(MultiEmitter<? super StreamedAlert> emitter, Long after) {
            this.emitter = emitter;
            this.after = after;
            this.last = after == null ? Long.MIN_VALUE : after;
            this.pending = after == null ? null : new ArrayList<>();
        }

        void start() {
            // Live first, then the replay: an alert committed in between is in one of them (or both, sent once).
            Cancellable live = feed.live().subscribe().with(this::live, emitter::fail, emitter::complete);
            long heartbeat = vertx.setPeriodic(config.heartbeat().toMillis(), id -> emit(new StreamedAlert.Heartbeat()));
            emitter.onTermination(() -> {
                live.cancel();
                vertx.cancelTimer(heartbeat);
            });
            if (after != null) {
                feed.after(after, config.replayMax()).subscribe().with(this::replayed, emitter::fail);
            }
        }

        private synchronized void live(StreamedAlert.Alert alert) {
            if (pending != null) {
                pending.add(alert);
            } else {
                send(alert);
            }
        }

        private synchronized void replayed(List<StreamedAlert.Alert> missed) {
            missed.forEach(this::send);
            if (missed.size() >= config.replayMax()) {
                // More may be missing: end here, the client resumes after the last one it got (no gap, bounded memory).
                emitter.complete();
                return;
            }
            pending.forEach(this::send);
            pending = null;
        }

        private void send(StreamedAlert.Alert alert) {
            if (alert.position() > last) {
                last = alert.position();
                emit(alert);
            }
        }

        private synchronized void emit(StreamedAlert item) {
            if (!emitter.isCancelled()) {
                emitter.emit(item);
            }
        }
    }
}
