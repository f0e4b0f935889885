package io.pjctrl.audit.ingest;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.pjctrl.audit.AuditServiceConfig;
import io.pjctrl.audit.alert.Severity;

/** Event type -> sensitivity level (the seed's table, configurable); unknown types get the configured default. */
@ApplicationScoped
public class SensitivityTable {

    private final Map<String, String> levels;
    private final String defaultLevel;

    public SensitivityTable(AuditServiceConfig config) {
        config.ingest().sensitivity().forEach((type, level) -> Severity.require(level, "pjctrl.ingest.sensitivity." + type));
        this.levels = Map.copyOf(config.ingest().sensitivity());
        this.defaultLevel = Severity.require(config.ingest().defaultSensitivity(), "pjctrl.ingest.default-sensitivity");
    }

    public String of(String eventType) {
        return levels.getOrDefault(eventType, defaultLevel);
    }
}
