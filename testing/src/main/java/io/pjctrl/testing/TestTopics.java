package io.pjctrl.testing;

import java.util.Map;

/** The Kafka topic names of one test run: the production names with a per-run suffix. */
public record TestTopics(String events, String deadLetter, String alerts, String checkpoints, String ocsf) {

    public static final int EVENT_PARTITIONS = 4;

    static TestTopics forRun(String runId) {
        return new TestTopics("pjctrl.audit-events." + runId, "pjctrl.audit-events.dlq." + runId,
                "pjctrl.audit-alerts." + runId, "pjctrl.audit-checkpoints." + runId, "pjctrl.audit-ocsf." + runId);
    }

    Map<String, Integer> partitions() {
        return Map.of(events, EVENT_PARTITIONS, deadLetter, 1, alerts, 1, checkpoints, 1, ocsf, EVENT_PARTITIONS);
    }

    /** The services' configuration keys for these topics. */
    Map<String, String> config() {
        return Map.of("pjctrl.topics.events", events, "pjctrl.topics.dead-letter", deadLetter, "pjctrl.topics.alerts",
                alerts, "pjctrl.topics.checkpoints", checkpoints, "pjctrl.topics.ocsf", ocsf);
    }
}
