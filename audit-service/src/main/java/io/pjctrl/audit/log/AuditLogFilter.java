package io.pjctrl.audit.log;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.pjctrl.audit.web.InvalidParameterException;

/**
 * A validated filter over audit_logs. Unknown values are rejected rather than matched against nothing, so a typo in
 * an auditor's query fails loudly instead of returning an empty (and misleading) result.
 */
public record AuditLogFilter(
        List<String> eventTypes,
        String resourceType,
        String resourceId,
        UUID userId,
        UUID projectId,
        String action,
        List<String> sensitivities,
        Instant from,
        Instant to) {

    static final Set<String> ACTIONS = Set.of("create", "update", "delete", "restore", "login", "logout");
    static final Set<String> SENSITIVITIES = Set.of("low", "medium", "high", "critical");
    /** The query parameters of a filter, for rejecting misspelt ones. */
    public static final Set<String> PARAMETERS = Set.of("event_type", "resource_type", "resource_id", "user_id",
            "project_id", "action", "sensitivity", "from", "to");

    private static final Pattern EVENT_TYPE = Pattern.compile("[a-z][a-z_]*\\.[a-z][a-z_]*");
    private static final Pattern RESOURCE_TYPE = Pattern.compile("[a-z][a-z_]*");

    public static AuditLogFilter parse(AuditLogFilterParams p) {
        List<String> eventTypes = values(p.eventType);
        eventTypes.forEach(t -> require(EVENT_TYPE.matcher(t).matches() && t.length() <= 50, "event_type",
                "event_type must look like 'task.update' (lowercase resource.verb): " + t));
        List<String> sensitivities = values(p.sensitivity);
        sensitivities.forEach(s -> require(SENSITIVITIES.contains(s), "sensitivity",
                "sensitivity must be one of low, medium, high, critical: " + s));
        String resourceType = blankToNull(p.resourceType);
        require(resourceType == null || RESOURCE_TYPE.matcher(resourceType).matches() && resourceType.length() <= 50,
                "resource_type", "resource_type must be a lowercase word like 'task': " + resourceType);
        String resourceId = blankToNull(p.resourceId);
        require(resourceId == null || resourceId.length() <= 64, "resource_id", "resource_id is longer than 64 characters");
        String action = blankToNull(p.action);
        require(action == null || ACTIONS.contains(action), "action",
                "action must be one of create, update, delete, restore, login, logout: " + action);
        Instant from = instant("from", p.from);
        Instant to = instant("to", p.to);
        require(from == null || to == null || !from.isAfter(to), "from", "from must not be after to");
        return new AuditLogFilter(eventTypes, resourceType, resourceId, uuid("user_id", p.userId),
                uuid("project_id", p.projectId), action, sensitivities, from, to);
    }

    /** This filter over {@code from..to} instead of its own range. */
    public AuditLogFilter withRange(Instant from, Instant to) {
        return new AuditLogFilter(eventTypes, resourceType, resourceId, userId, projectId, action, sensitivities, from, to);
    }

    /** A stable text of this filter: cursors carry its hash so a cursor cannot be replayed on other filters. */
    public String fingerprint() {
        return String.join("|", eventTypes.stream().sorted().toList().toString(), String.valueOf(resourceType),
                String.valueOf(resourceId), String.valueOf(userId), String.valueOf(projectId), String.valueOf(action),
                sensitivities.stream().sorted().toList().toString(), String.valueOf(from), String.valueOf(to));
    }

    public static Instant instant(String parameter, String text) {
        String value = blankToNull(text);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(parameter,
                    parameter + " must be an ISO-8601 instant with offset, e.g. 2026-11-28T09:00:00Z: " + value);
        }
    }

    public static UUID uuid(String parameter, String text) {
        String value = blankToNull(text);
        if (value == null) {
            return null;
        }
        try {
            UUID parsed = UUID.fromString(value);
            require(parsed.toString().equalsIgnoreCase(value), parameter, parameter + " must be a UUID: " + value);
            return parsed;
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(parameter, parameter + " must be a UUID: " + value);
        }
    }

    static void require(boolean condition, String parameter, String detail) {
        if (!condition) {
            throw new InvalidParameterException(parameter, detail);
        }
    }

    private static List<String> values(List<String> raw) {
        return raw == null ? List.of() : raw.stream().map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
