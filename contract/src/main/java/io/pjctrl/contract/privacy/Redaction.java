package io.pjctrl.contract.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pjctrl.contract.chain.Jcs;
import io.pjctrl.contract.chain.NotCanonicalizableException;

/**
 * Event data with every declared personal value set to null ({@link PersonalFields}), whoever its subject: what a
 * producer keeps of an event once it was delivered (project-service's sent outbox rows). Data that is not a JSON object
 * is returned unchanged.
 */
public final class Redaction {

    private Redaction() {
    }

    public static String redacted(String data) {
        JsonNode node;
        try {
            node = Jcs.parse(data);
        } catch (NotCanonicalizableException e) {
            return data;
        }
        if (!(node instanceof ObjectNode event)) {
            return data;
        }
        if (event.get("request_metadata") instanceof ObjectNode metadata) {
            PersonalFields.REQUEST_METADATA.stream().filter(metadata::has).forEach(metadata::putNull);
        }
        JsonNode resourceType = event.get("resource_type");
        if (resourceType != null && resourceType.isTextual() && event.get("changes") instanceof ObjectNode changes) {
            for (String field : PersonalFields.changes(resourceType.textValue())) {
                if (changes.get(field) instanceof ObjectNode diff) {
                    for (String side : new String[]{"old", "new"}) {
                        if (diff.has(side)) {
                            diff.putNull(side);
                        }
                    }
                }
            }
        }
        return event.toString();
    }
}
