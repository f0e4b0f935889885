package io.pjctrl.audit.verify;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Verifies the whole log every {@code pjctrl.verify.scheduled-interval} (off unless configured; 1h in prod) through
 * the same {@link VerifyService#verify} as the API, so an invalid log also raises the verification alert, and
 * publishes the outcome as gauges ({@link VerifyMetrics}).
 */
@ApplicationScoped
public class ScheduledVerification {

    private final VerifyService verifier;
    private final VerifyMetrics metrics;

    public ScheduledVerification(VerifyService verifier, VerifyMetrics metrics) {
        this.verifier = verifier;
        this.metrics = metrics;
    }

    @Scheduled(identity = "whole-log-verification", every = "${pjctrl.verify.scheduled-interval}", delayed = "${pjctrl.verify.scheduled-delay}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return verifier.verify(VerifyScope.of((VerifyRequest) null))
                .invoke(metrics::finished)
                .invoke(report -> Log.infof("Scheduled verification: %s, %d entries, %d failures", report.status(),
                        report.checked(), report.failures().size()))
                .onFailure().invoke(e -> Log.warnf(e, "Scheduled verification did not finish"))
                .onFailure().invoke(metrics::failed)
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
