package io.pjctrl.project;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed configuration of project-service; each key can be set by environment variable (PJCTRL_...). */
@ConfigMapping(prefix = "pjctrl")
public interface ProjectServiceConfig {

    /** Kafka topics. */
    Topics topics();

    interface Topics {

        /** Topic receiving every change event as a CloudEvent, keyed by {@code <resource_type>:<resource_id>}. */
        @WithDefault("pjctrl.audit-events")
        String events();
    }
}
