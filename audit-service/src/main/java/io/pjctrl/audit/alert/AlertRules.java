package io.pjctrl.audit.alert;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pjctrl.audit.AuditServiceConfig;
import io.pjctrl.audit.log.AuditLogRepository;
import io.pjctrl.contract.chain.AuditEntry;
import io.pjctrl.contract.chain.ChainedEntry;
import io.pjctrl.contract.event.ValidEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The configured alert rules, evaluated on each ingested batch inside the ingest's transaction ({@link #raise}):
 * per-entry rules (event type, sensitivity threshold) on each entry, rate rules on the log's counts per actor.
 */
@ApplicationScoped
public class AlertRules {

    public static final String RULE_EVENT_TYPE = "event_type";
    public static final String RULE_SENSITIVITY = "sensitivity";
    public static final String RULE_RATE_PREFIX = "rate:";

    private final Set<String> eventTypes;
    private final int minSensitivityRank;
    private final List<RateRule> rateRules;
    private final AlertRepository repository;
    private final AuditLogRepository log;

    public AlertRules(AuditServiceConfig config, AlertRepository repository, AuditLogRepository log) {
        this.repository = repository;
        this.log = log;
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
        if (eventTypes.contains(eventType)) {
            return new AlertRaised(UUID.randomUUID(), auditLogId, RULE_EVENT_TYPE, sensitivity,
                    eventType + " on " + subject(resourceType, resourceId), now);
        }
        if (Severity.rank(sensitivity) >= minSensitivityRank) {
            return new AlertRaised(UUID.randomUUID(), auditLogId, RULE_SENSITIVITY, sensitivity,
                    sensitivity + " sensitivity event " + eventType + " on " + subject(resourceType, resourceId), now);
        }
        return null;
    }

    private static String subject(String resourceType, String resourceId) {
        return resourceType + (resourceId == null ? "" : " " + resourceId);
    }

    /** The alert of a rate rule whose count for {@code actor} just reached its threshold. */
    public AlertRaised rateAlert(RateRule rule, UUID auditLogId, String actor, long count, Instant now) {
        return new AlertRaised(UUID.randomUUID(), auditLogId, rule.name(), rule.severity(),
                count + " " + String.join("/", rule.eventTypes()) + " events by " + actor + " within " + rule.window(), now);
    }

    /**
     * Raises and stores, in the ingest's transaction ({@code connection}), the alerts of a batch: each entry's own
     * (event type, sensitivity) and those of rate rules whose threshold an actor crossed with this batch. {@code events}
     * and {@code chained} are the batch's events and their entries, index for index.
     */
    public Uni<List<AlertRaised>> raise(SqlConnection connection, List<ValidEvent> events, List<ChainedEntry> chained,
            Instant now) {
        return evaluateBatch(connection, events, chained, now)
                .call(alerts -> repository.insert(connection, alerts));
    }

    private Uni<List<AlertRaised>> evaluateBatch(SqlConnection connection, List<ValidEvent> events, List<ChainedEntry> chained,
            Instant now) {
        List<AlertRaised> alerts = new ArrayList<>();
        for (ChainedEntry c : chained) {
            AuditEntry e = c.entry();
            AlertRaised alert = evaluate(e.id(), e.eventType(), e.sensitivityLevel(), e.resourceType(), e.resourceId(),
                    now);
            if (alert != null) {
                alerts.add(alert);
            }
        }
        if (!anyRateRuleMatches(events)) {
            return Uni.createFrom().item(alerts);
        }
        return repository.lockRateWindow(connection)
                .chain(() -> Multi.createFrom().iterable(rateRules)
                        .onItem().transformToUniAndConcatenate(rule -> rateAlerts(connection, rule, events, chained, now))
                        .collect().in(() -> alerts, List::addAll));
    }

    private boolean anyRateRuleMatches(List<ValidEvent> events) {
        for (RateRule rule : rateRules) {
            for (ValidEvent e : events) {
                if (rule.eventTypes().contains(e.eventType())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Alerts for actors whose count of matching events in the window crossed the threshold with this batch (count
     * before the batch below it, after it at or above), so a burst raises one alert, not one per event.
     */
    private Uni<List<AlertRaised>> rateAlerts(SqlConnection connection, RateRule rule, List<ValidEvent> events,
            List<ChainedEntry> chained, Instant now) {
        Map<String, ActorWindow> actors = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            ValidEvent e = events.get(i);
            if (!rule.eventTypes().contains(e.eventType())) {
                continue;
            }
            String actor = e.userId() != null ? e.userId().toString() : e.ip();
            if (actor != null) {
                actors.computeIfAbsent(actor, a -> new ActorWindow()).add(e.occurredAt(), chained.get(i).entry().id());
            }
        }
        if (actors.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String[] names = actors.keySet().toArray(String[]::new);
        OffsetDateTime[] since = new OffsetDateTime[names.length];
        for (int i = 0; i < names.length; i++) {
            ActorWindow w = actors.get(names[i]);
            w.since = w.latest.minus(rule.window());
            since[i] = w.since.atOffset(ZoneOffset.UTC);
        }
        return log.rateCounts(connection, names, since, rule.eventTypes().toArray(String[]::new))
                .map(counts -> {
                    List<AlertRaised> raised = new ArrayList<>();
                    for (String actor : names) {
                        ActorWindow w = actors.get(actor);
                        long after = counts.getOrDefault(actor, 0L);
                        long before = after - w.inWindow();
                        if (before < rule.threshold() && after >= rule.threshold()) {
                            raised.add(rateAlert(rule, w.lastEntry, actor, after, now));
                        }
                    }
                    return raised;
                });
    }

    /** One actor's matching events in this batch. */
    private static final class ActorWindow {

        private final List<Instant> times = new ArrayList<>();
        private Instant latest = Instant.MIN;
        private Instant since;
        private UUID lastEntry;

        void add(Instant occurredAt, UUID entryId) {
            times.add(occurredAt);
            if (!occurredAt.isBefore(latest)) {
                latest = occurredAt;
                lastEntry = entryId;
            }
        }

        long inWindow() {
            return times.stream().filter(t -> !t.isBefore(since)).count();
        }
    }
}
