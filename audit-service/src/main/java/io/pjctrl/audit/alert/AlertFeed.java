package io.pjctrl.audit.alert;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.pjctrl.audit.AuditServiceConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * This instance's view of every alert stored by any instance: it LISTENs on {@link AlertRepository#CHANNEL} (on a pooled
 * connection, so with the pool's TLS settings), reads the alerts after the last position it saw when notified and
 * every {@code pjctrl.alerts.stream.poll} (the fallback for a lost connection), and broadcasts them in position order
 * to the open SSE streams. Each instance ingests only its own partitions, so the in-process event of the ingesting
 * instance alone would show a viewer a fraction of the alerts.
 */
@ApplicationScoped
public class AlertFeed {

    private static final long RELISTEN_DELAY_MS = 1_000;
    private static final int PAGE = 500;

    private final Pool pool;
    private final AlertRepository alerts;
    private final Vertx vertx;
    private final AuditServiceConfig.Alerts.Stream config;
    private final BroadcastProcessor<StreamedAlert.Alert> live = BroadcastProcessor.create();
    private final AtomicBoolean reading = new AtomicBoolean();
    private final AtomicBoolean wokenWhileReading = new AtomicBoolean();

    /** Last position broadcast; -1 until the head was read (alerts before it are not news). */
    private volatile long lastSeen = -1;
    private volatile boolean stopped;
    private volatile PgConnection listening;
    private long pollTimer = -1;

    public AlertFeed(Pool pool, AlertRepository alerts, Vertx vertx, AuditServiceConfig config) {
        this.pool = pool;
        this.alerts = alerts;
        this.vertx = vertx;
        this.config = config.alerts().stream();
    }

    void start(@Observes StartupEvent event) {
        listen();
        pollTimer = vertx.setPeriodic(config.poll().toMillis(), id -> wake());
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        if (pollTimer >= 0) {
            vertx.cancelTimer(pollTimer);
        }
        PgConnection connection = listening;
        if (connection != null) {
            connection.closeAndForget();
        }
        live.onComplete();
    }

    /** New alerts as this instance learns of them, in position order. */
    Multi<StreamedAlert.Alert> live() {
        return live;
    }

    /** Up to {@code limit} stored alerts after {@code position}, oldest first. */
    Uni<List<StreamedAlert.Alert>> after(long position, int limit) {
        return alerts.streamAfter(position, limit);
    }

    /** One read at a time; a wake-up during a read makes one more read after it. */
    private void wake() {
        if (stopped) {
            return;
        }
        if (!reading.compareAndSet(false, true)) {
            wokenWhileReading.set(true);
            return;
        }
        wokenWhileReading.set(false);
        Uni<Void> read = lastSeen < 0
                ? alerts.streamHead().invoke(head -> lastSeen = head).replaceWithVoid()
                : drain();
        read.subscribe().with(ok -> readDone(), e -> {
            Log.debugf("Alert feed could not read new alerts (retried on the next wake-up): %s", e.toString());
            readDone();
        });
    }

    private void readDone() {
        reading.set(false);
        if (wokenWhileReading.getAndSet(false)) {
            wake();
        }
    }

    private Uni<Void> drain() {
        return after(lastSeen, PAGE).chain(alerts -> {
            for (StreamedAlert.Alert alert : alerts) {
                lastSeen = alert.position();
                live.onNext(alert);
            }
            return alerts.size() == PAGE ? drain() : Uni.createFrom().voidItem();
        });
    }

    private void listen() {
        pool.getConnection()
                .map(PgConnection::cast)
                .call(connection -> connection.query("LISTEN " + AlertRepository.CHANNEL)
                        .execute()
                        .onFailure().call(connection::close))
                .subscribe()
                .with(connection -> {
                    listening = connection;
                    connection.notificationHandler(notification -> wake());
                    connection.closeHandler(this::relisten);
                    Log.infof("Alert feed listening on channel %s", AlertRepository.CHANNEL);
                    // Notifications sent while not listening are lost: look now.
                    wake();
                }, e -> {
                    Log.warnf("Alert feed could not LISTEN (%s); polling every %s until it can", e.toString(),
                            config.poll());
                    relisten();
                });
    }

    private void relisten() {
        listening = null;
        if (!stopped) {
            vertx.setTimer(RELISTEN_DELAY_MS, id -> listen());
        }
    }
}
