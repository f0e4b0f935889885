package io.pjctrl.contract.ocsf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pjctrl.contract.chain.AuditEntry;
import io.pjctrl.contract.chain.CanonicalJson;
import io.pjctrl.contract.chain.ChainedEntry;
import io.pjctrl.contract.chain.Checksums;
import io.pjctrl.contract.chain.EntrySource;
import io.pjctrl.contract.event.GoldenEvents;

/**
 * Chained entries of every event type the contract names: the schema's {@code event_type.examples}, the types of
 * docs/events/README.md's table (task.blocker both ways, user.login_failed with and without a user) and
 * audit-service's audit.export, each in the shape its producer writes.
 */
public final class OcsfEntries {

    static final UUID ACTOR = UUID.fromString("0b7a3c2e-61b4-4f7e-9d2a-1c5e8f3a9b40");
    static final Instant OCCURRED = Instant.parse("2026-11-28T09:00:00.123456Z");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OcsfEntries() {
    }

    /** The event types of the contract's schema (its {@code event_type.examples}). */
    public static List<String> contractEventTypes() {
        try {
            JsonNode schema = MAPPER.readTree(GoldenEvents.schemaText());
            List<String> types = new ArrayList<>();
            schema.at("/properties/event_type/examples").forEach(t -> types.add(t.asText()));
            return types;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every documented type, plus the ones docs/events/README.md names beyond the schema's examples. */
    public static Set<String> allEventTypes() {
        Set<String> types = new LinkedHashSet<>(contractEventTypes());
        types.addAll(List.of("attachment.download", "attachment.delete", "audit.export", "legal_hold.create",
                "legal_hold.release", "privacy.erasure"));
        return types;
    }

    /** One entry of {@code eventType} as its producer writes it. */
    static ChainedEntry of(String eventType) {
        String resourceType = eventType.substring(0, eventType.indexOf('.'));
        String verb = eventType.substring(eventType.indexOf('.') + 1);
        String resourceId = UUID.nameUUIDFromBytes(eventType.getBytes()).toString();
        String changes = "{\"name\":{\"new\":\"x\"}}";
        String action = switch (verb) {
            case "create", "upload" -> "create";
            case "delete" -> "delete";
            case "restore" -> "restore";
            case "login", "login_failed" -> "login";
            case "logout" -> "logout";
            case "download" -> "update";
            default -> "update";
        };
        switch (eventType) {
            case "task.blocker" -> {
                resourceType = "blocker";
                action = "create";
                changes = "{\"task_id\":{\"new\":\"" + UUID.randomUUID() + "\"}}";
            }
            case "user.permission_change" -> changes = "{\"role\":{\"new\":\"manager\",\"old\":\"member\"}}";
            case "user.create" -> changes = "{\"email\":{\"new\":\"m@example.com\"},\"role\":{\"new\":\"member\"}}";
            case "user.login_failed" -> changes = "{\"reason\":{\"new\":\"wrong_password\"}}";
            case "user.login", "user.logout" -> changes = "{}";
            case "audit.export" -> {
                resourceType = "audit_export";
                action = "create";
                changes = "{\"format\":{\"new\":\"ndjson\"}}";
            }
            case "legal_hold.create" -> {
                action = "create";
                changes = "{\"reason\":{\"new\":\"litigation\"},\"user_id\":{\"new\":\"" + UUID.randomUUID() + "\"}}";
            }
            case "legal_hold.release" -> changes = "{\"released_at\":{\"old\":null,\"new\":\"2026-12-01T10:00:00Z\"}}";
            case "privacy.erasure" -> {
                resourceType = "privacy_erasure";
                action = "delete";
                changes = "{\"entries_affected\":{\"new\":3}}";
            }
            default -> {
            }
        }
        return entry(eventType, resourceType, resourceId, action, changes);
    }

    /** A failed login with an e-mail address no user has: no resource, no actor. */
    static ChainedEntry failedLoginOfUnknownEmail() {
        return chained(new AuditEntry(UUID.randomUUID(), UUID.randomUUID(), "user.login_failed", "/pjctrl/project-service",
                "user", null, null, null, null, "login",
                CanonicalJson.parse("{\"email\":{\"new\":\"nobody@example.com\"},\"reason\":{\"new\":\"unknown_email\"}}"),
                CanonicalJson.parse("{\"ip\":\"10.0.0.9\",\"user_agent\":null,\"request_id\":null,\"trace_id\":null}"),
                "medium", 0, OCCURRED, OCCURRED.plusMillis(5), "events-1", 8, new EntrySource(1, 41)));
    }

    static ChainedEntry entry(String eventType, String resourceType, String resourceId, String action, String changes) {
        return chained(new AuditEntry(UUID.randomUUID(), UUID.randomUUID(), eventType, "/pjctrl/project-service",
                resourceType, resourceId, UUID.fromString("7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f"), ACTOR, "manager",
                action, CanonicalJson.parse(changes),
                CanonicalJson.parse("{\"ip\":\"10.0.0.7\",\"user_agent\":\"curl/8.5\",\"request_id\":\"req-81\","
                        + "\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\"}"),
                "high", 3, OCCURRED, OCCURRED.plusMillis(17), "events-2", 1842, new EntrySource(2, 9001)));
    }

    private static ChainedEntry chained(AuditEntry entry) {
        return ChainedEntry.append(Checksums.GENESIS, entry);
    }
}
