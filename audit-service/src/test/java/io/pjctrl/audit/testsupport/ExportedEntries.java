package io.pjctrl.audit.testsupport;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.pjctrl.contract.chain.AuditEntry;
import io.pjctrl.contract.chain.CanonicalJson;
import io.pjctrl.contract.chain.EntrySource;
import io.pjctrl.contract.privacy.Openings;

/** An exported entry (an NDJSON line, or a CSV row read into JSON) rebuilt from its fields alone, as a verifier does
 * (openings of personal values folded back into their commitments). */
public final class ExportedEntries {

    private ExportedEntries() {
    }

    public static AuditEntry entry(JsonNode e) {
        return new AuditEntry(UUID.fromString(e.get("id").asText()), UUID.fromString(e.get("event_id").asText()),
                e.get("event_type").asText(), e.get("source").asText(), e.get("resource_type").asText(),
                text(e, "resource_id"), uuid(e, "project_id"), uuid(e, "user_id"), text(e, "actor_role"),
                e.get("action").asText(), CanonicalJson.of(Openings.fold(e.get("changes"))),
                CanonicalJson.of(Openings.fold(e.get("request_metadata"))),
                e.get("sensitivity_level").asText(), e.get("aggregate_version").asLong(),
                Instant.parse(e.get("occurred_at").asText()), Instant.parse(e.get("recorded_at").asText()),
                e.get("chain_id").asText(), e.get("seq").asLong(), source(e));
    }

    /** Entry format 2's Kafka record (null for format 1; NDJSON numbers, CSV text). */
    private static EntrySource source(JsonNode e) {
        JsonNode partition = e.get("source_partition");
        if (partition == null || partition.isNull() || partition.asText().isEmpty()) {
            return null;
        }
        return new EntrySource(partition.asInt(), e.get("source_offset").asLong());
    }

    private static String text(JsonNode e, String field) {
        return e.get(field).isNull() ? null : e.get(field).asText();
    }

    private static UUID uuid(JsonNode e, String field) {
        return e.get(field).isNull() ? null : UUID.fromString(e.get(field).asText());
    }
}
