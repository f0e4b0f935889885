package io.pjctrl.audit.privacy;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pjctrl.audit.ownevent.OwnEvent;
import io.pjctrl.audit.ownevent.Requester;
import io.pjctrl.contract.chain.Timestamps;

/**
 * A legal hold's creation and release as audit events of their own: type {@value #CREATED} (action create, version
 * 1) and {@value #RELEASED} (action update, version 2) for resource {@code legal_hold/<hold id>}.
 */
final class HoldEvents {

    static final String CREATED = "legal_hold.create";
    static final String RELEASED = "legal_hold.release";
    static final String RESOURCE_TYPE = "legal_hold";

    private HoldEvents() {
    }

    static OwnEvent created(String eventId, Hold hold, Requester by, Instant now) {
        ObjectNode changes = JsonNodeFactory.instance.objectNode();
        changes.putObject("user_id").put("new", hold.userId() == null ? null : hold.userId().toString());
        changes.putObject("project_id").put("new", hold.projectId() == null ? null : hold.projectId().toString());
        changes.putObject("reason").put("new", hold.reason());
        return event(eventId, CREATED, hold, "create", by, changes, 1, now);
    }

    static OwnEvent released(String eventId, Hold hold, Requester by, Instant now) {
        ObjectNode changes = JsonNodeFactory.instance.objectNode();
        ObjectNode released = changes.putObject("released_at");
        released.putNull("old");
        released.put("new", Timestamps.format(hold.releasedAt()));
        return event(eventId, RELEASED, hold, "update", by, changes, 2, now);
    }

    private static OwnEvent event(String eventId, String type, Hold hold, String action, Requester by,
            ObjectNode changes, int version, Instant now) {
        return new OwnEvent(eventId, type, RESOURCE_TYPE, hold.id().toString(),
                hold.projectId() == null ? null : hold.projectId().toString(), action, by, changes, version, now);
    }
}
