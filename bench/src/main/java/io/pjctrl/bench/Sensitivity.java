package io.pjctrl.bench;

import java.util.Map;

/**
 * Sensitivity of an event type in the synthetic datasets. The ingest has its own configurable table; these rows only
 * need a realistic spread of levels for the sensitivity filter of the query benchmark.
 */
final class Sensitivity {

    private static final Map<String, String> LEVELS = Map.ofEntries(
            Map.entry("project.delete", "critical"),
            Map.entry("user.permission_change", "critical"),
            Map.entry("task.delete", "high"),
            Map.entry("project.restore", "high"),
            Map.entry("user.login_failed", "high"),
            Map.entry("user.create", "high"),
            Map.entry("task.restore", "medium"),
            Map.entry("project.create", "medium"),
            Map.entry("project.update", "medium"),
            Map.entry("task.assign", "medium"),
            Map.entry("attachment.upload", "medium"));

    private Sensitivity() {
    }

    static String of(String eventType) {
        return LEVELS.getOrDefault(eventType, "low");
    }
}
