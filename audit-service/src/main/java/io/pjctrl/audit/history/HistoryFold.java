package io.pjctrl.audit.history;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pjctrl.audit.log.StoredEntry;

/**
 * Folds a resource's changes, oldest first, into its state: each field takes the {@code new} value of its latest
 * change; a delete (changes carry only {@code old}) marks the resource deleted but keeps its values (deletes are soft
 * in project-service), a restore clears the mark. Keeps the newest {@code maxEntries} entries for the timeline.
 */
final class HistoryFold {

    private final ObjectMapper json;
    private final int maxEntries;
    private final Deque<HistoryEntryView> entries = new ArrayDeque<>();
    private final Map<String, Object> fields = new LinkedHashMap<>();
    private boolean truncated;
    private boolean deleted;
    private long version;
    private UUID lastEntryId;
    private Instant lastChangedAt;

    HistoryFold(ObjectMapper json, int maxEntries) {
        this.json = json;
        this.maxEntries = maxEntries;
    }

    HistoryFold add(StoredEntry entry) {
        JsonNode changes = tree(entry.changes());
        for (Iterator<Map.Entry<String, JsonNode>> it = changes.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> change = it.next();
            if (change.getValue().has("new")) {
                fields.put(change.getKey(), json.convertValue(change.getValue().get("new"), Object.class));
            }
        }
        if (entry.action().equals("delete")) {
            deleted = true;
        } else if (entry.action().equals("restore") || entry.action().equals("create")) {
            deleted = false;
        }
        version = Math.max(version, entry.aggregateVersion());
        lastEntryId = entry.id();
        lastChangedAt = entry.occurredAt();
        entries.addLast(new HistoryEntryView(entry.id(), entry.eventType(), entry.action(), entry.occurredAt(),
                entry.recordedAt(), entry.userId(), entry.actorRole(), entry.aggregateVersion(), entry.chainId(),
                entry.seq(), changes));
        if (entries.size() > maxEntries) {
            entries.removeFirst();
            truncated = true;
        }
        return this;
    }

    boolean isEmpty() {
        return lastEntryId == null;
    }

    List<HistoryEntryView> entries() {
        return List.copyOf(entries);
    }

    boolean truncated() {
        return truncated;
    }

    ResourceState state() {
        if (lastEntryId == null) {
            return new ResourceState(false, false, 0, Map.of(), null, null);
        }
        return new ResourceState(true, deleted, version, fields, lastEntryId, lastChangedAt);
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("PostgreSQL returned invalid JSON from a jsonb column", e);
        }
    }
}
