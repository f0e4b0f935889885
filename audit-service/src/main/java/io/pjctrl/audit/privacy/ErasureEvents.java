package io.pjctrl.audit.privacy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pjctrl.audit.ownevent.OwnEvent;
import io.pjctrl.audit.ownevent.Requester;

/**
 * An erasure as an audit event of its own (type {@value #TYPE}, resource {@code privacy_erasure/<id>}): who, when,
 * whose, why and how many entries. The ingest chains it and raises its alert (an alert event type by default).
 */
final class ErasureEvents {

    static final String TYPE = "privacy.erasure";
    static final String RESOURCE_TYPE = "privacy_erasure";

    private ErasureEvents() {
    }

    static OwnEvent of(PersonalValueRepository.Erasure erasure, Requester by) {
        ObjectNode changes = JsonNodeFactory.instance.objectNode();
        changes.putObject("user_id").put("new", erasure.subject().toString());
        changes.putObject("reason").put("new", erasure.reason());
        changes.putObject("entries_affected").put("new", erasure.entriesAffected());
        changes.putObject("entries_not_erasable").put("new", erasure.entriesNotErasable());
        return new OwnEvent(erasure.eventId().toString(), TYPE, RESOURCE_TYPE, erasure.id().toString(), null, "create",
                by, changes, 1, erasure.erasedAt());
    }
}
