package io.pjctrl.contract.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pjctrl.contract.chain.CanonicalJson;
import io.pjctrl.contract.chain.Jcs;

/**
 * Replaces each declared personal value of an event by its commitment {@code {"$commit":"..."}} and returns the
 * openings to keep apart. A value is committed only when it has a data subject: request metadata when the actor is
 * known, a resource's fields when the resource id is a user id. Null values are not committed (there is nothing to
 * hide); a value without a subject stays in clear (nobody can ask for its erasure; retention removes it).
 */
public final class PersonalValues {

    private PersonalValues() {
    }

    /** The committed JSON of an event and the openings of what it hides. */
    public record Committed(CanonicalJson changes, CanonicalJson requestMetadata, List<Opening> openings) {
    }

    public static Committed commit(String resourceType, String resourceId, UUID actor, CanonicalJson changes,
            CanonicalJson requestMetadata) {
        List<Opening> openings = new ArrayList<>();
        CanonicalJson committedMetadata = requestMetadata;
        if (actor != null) {
            ObjectNode metadata = (ObjectNode) Jcs.parse(requestMetadata.text());
            for (String field : PersonalFields.REQUEST_METADATA) {
                commitMember(metadata, field, "request_metadata." + field, actor, openings);
            }
            committedMetadata = CanonicalJson.of(metadata);
        }
        CanonicalJson committedChanges = changes;
        List<String> fields = PersonalFields.changes(resourceType);
        UUID subject = fields.isEmpty() ? null : userId(resourceId);
        if (subject != null) {
            ObjectNode diff = (ObjectNode) Jcs.parse(changes.text());
            for (String field : fields) {
                JsonNode change = diff.get(field);
                if (change instanceof ObjectNode values) {
                    commitMember(values, "old", "changes." + field + ".old", subject, openings);
                    commitMember(values, "new", "changes." + field + ".new", subject, openings);
                }
            }
            committedChanges = CanonicalJson.of(diff);
        }
        return new Committed(committedChanges, committedMetadata, List.copyOf(openings));
    }

    private static void commitMember(ObjectNode parent, String name, String path, UUID subject, List<Opening> openings) {
        JsonNode value = parent.get(name);
        if (value == null || value.isNull()) {
            return;
        }
        Opening opening = Opening.of(path, subject, Jcs.canonicalize(value));
        openings.add(opening);
        parent.set(name, JsonNodeFactory.instance.objectNode().put(Commitments.COMMIT, opening.commitment()));
    }

    /** The user a resource id names, or null when it is no UUID (or absent). */
    private static UUID userId(String resourceId) {
        if (resourceId == null) {
            return null;
        }
        try {
            UUID id = UUID.fromString(resourceId);
            return id.toString().equalsIgnoreCase(resourceId) ? id : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
