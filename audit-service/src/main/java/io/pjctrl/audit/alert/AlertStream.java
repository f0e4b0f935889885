package io.pjctrl.audit.alert;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * Fans stored alerts out to every open SSE connection. The observer runs on the ingest's event loop, so it only hands
 * the alert over; a subscriber that cannot keep up loses alerts (it can re-read them from GET /api/alerts) rather
 * than buffering without bound.
 */
@ApplicationScoped
public class AlertStream {

    private final BroadcastProcessor<AlertView> alerts = BroadcastProcessor.create();

    void onAlert(@Observes AlertRaised alert) {
        alerts.onNext(AlertView.of(alert));
    }

    Multi<AlertView> subscribe() {
        return alerts.onOverflow()
                .buffer(256)
                .onOverflow()
                .drop();
    }
}
