package io.pjctrl.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed configuration of audit-service; each key can be set by environment variable (PJCTRL_...). */
@ConfigMapping(prefix = "pjctrl")
public interface AuditServiceConfig {

    /** Kafka topics. */
    Topics topics();

    interface Topics {

        /** Topic of the change events (CloudEvents) consumed by the ingest. */
        @WithDefault("pjctrl.audit-events")
        String events();

        /** Records that could not be parsed or failed the contract, with the reason in a header. */
        @WithDefault("pjctrl.audit-events.dlq")
        String deadLetter();

        /** Alerts raised on sensitive operations, for other consumers. */
        @WithDefault("pjctrl.audit-alerts")
        String alerts();

        /** Signed checkpoints of every chain, so outsiders can keep them. */
        @WithDefault("pjctrl.audit-checkpoints")
        String checkpoints();
    }
}
