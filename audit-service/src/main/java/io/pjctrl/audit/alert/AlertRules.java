package io.pjctrl.audit.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pjctrl.audit.AuditServiceConfig;

/**
 * The configured alert rules. Per-entry rules (event type, sensitivity threshold) are evaluated here; rate rules need
 * counts from the store, so this class only describes them ({@link #rateRules()}) and builds their alerts.
 */
@ApplicationScoped
public class AlertRules {

    public static final String RULE_EVENT_TYPE = "event_type";
    public static final String RULE_SENSITIVITY = "sensitivity";
    public static final String RULE_RATE_PREFIX = "rate:";

    private final Set<String> eventTypes;
    private final int minSensitivityRank;
    private final List<RateRule> rateRules;

    public AlertRules(AuditServiceConfig config) {
        AuditServiceConfig.Alerts alerts = config.alerts();
        this.eventTypes = Set.copyOf(alerts.eventTypes());
        this.minSensitivityRank = "none".equals(alerts.minSensitivity())
                ? Integer.MAX_VALUE
                : Severity.rank(Severity.require(alerts.minSensitivity(), "pjctrl.alerts.min-sensitivity"));
        List<RateRule> rules = new ArrayList<>();
        for (Map.Entry<String, AuditServiceConfig.Alerts.RateRule> rule : alerts.rate().entrySet()) {
            AuditServiceConfig.Alerts.RateRule r = rule.getValue();
            rules.add(new RateRule(RULE_RATE_PREFIX + rule.getKey(), Set.copyOf(r.eventTypes()), r.threshold(), r.window(),
                    Severity.require(r.severity(), "severity of rate rule " + rule.getKey())));
        }
        this.rateRules = List.copyOf(rules);
    }

    /** A configured rate rule: {@code threshold} events of {@code eventTypes} by one actor within {@code window}. */
    public record RateRule(String name, Set<String> eventTypes, int threshold, Duration window, String severity) {
    }

    public List<RateRule> rateRules() {
        return rateRules;
    }

    /** The alert an entry raises by itself (event type first, else sensitivity threshold), or null. */
    public AlertRaised evaluate(UUID auditLogId, String eventType, String sensitivity, String resourceType, String resourceId,
            Instant now) {
        String subject = resourceType + (resourceId == null ? "" : " " + resourceId);
        if (eventTypes.contains(eventType)) {
            return new AlertRaised(UUID.randomUUID(), auditLogId, RULE_EVENT_TYPE, sensitivity,
                    eventType + " on " + subject, now);
        }
        if (Severity.rank(sensitivity) >= minSensitivityRank) {
            return new AlertRaised(UUID.randomUUID(), auditLogId, RULE_SENSITIVITY, sensitivity,
                    sensitivity + " sensitivity event " + eventType + " on " + subject, now);
        }
        return null;
    }

    /** The alert of a rate rule whose count for {@code actor} just reached its threshold. */
    public AlertRaised rateAlert(RateRule rule, UUID auditLogId, String actor, long count, Instant now) {
        return new AlertRaised(UUID.randomUUID(), auditLogId, rule.name(), rule.severity(),
                count + " " + String.join("/", rule.eventTypes()) + " events by " + actor + " within " + rule.window(), now);
    }
}
