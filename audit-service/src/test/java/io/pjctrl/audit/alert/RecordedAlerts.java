package io.pjctrl.audit.alert;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Test observer: every {@link AlertRaised} CDI event fired in this application. */
@ApplicationScoped
public class RecordedAlerts {

    private final List<AlertRaised> seen = new CopyOnWriteArrayList<>();

    void on(@Observes AlertRaised alert) {
        seen.add(alert);
    }

    public List<AlertRaised> seen() {
        return List.copyOf(seen);
    }
}
