package io.pjctrl.bench;

import java.util.Map;

/**
 * Sensitivity of an event type in the synthetic datasets: the table audit-service's ingest is configured with
 * (pjctrl.ingest.sensitivity.* in its application.properties, the seed's EVENT_SENSITIVITY), default low.
 */
final class Sensitivity {

    private static final Map<String, String> LEVELS = Map.ofEntries(
            Map.entry("task.delete", "medium"),
            Map.entry("task.blocker", "medium"),
            Map.entry("project.create", "medium"),
            Map.entry("project.update", "medium"),
            Map.entry("project.delete", "high"),
            Map.entry("user.permission_change", "critical"),
            Map.entry("attachment.delete", "medium"),
            Map.entry("user.login_failed", "medium"),
            Map.entry("user.create", "medium"));

    private Sensitivity() {
    }

    static String of(String eventType) {
        return LEVELS.getOrDefault(eventType, "low");
    }
}
