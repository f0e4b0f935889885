package io.pjctrl.contract.privacy;

import java.util.List;
import java.util.Map;

/**
 * The declared personal fields (docs/personal-data.md): the request metadata of every entry, whose data subject is
 * the actor, and per resource type the fields of the resource that are about the resource itself (a user's e-mail
 * and display name, whose data subject is that user). Both the old and the new value of a change are personal.
 * Anything else, including free text a user typed (a task title), is not declared and stays in clear.
 */
public final class PersonalFields {

    /** Properties of {@code request_metadata} that are personal; their subject is {@code actor.user_id}. */
    public static final List<String> REQUEST_METADATA = List.of("ip", "user_agent");

    /** Per resource type, the {@code changes} fields that are personal; their subject is the resource (by its id). */
    public static final Map<String, List<String>> CHANGES = Map.of("user", List.of("email", "display_name"));

    private PersonalFields() {
    }

    /** The personal {@code changes} fields of a resource type (none for most). */
    public static List<String> changes(String resourceType) {
        return CHANGES.getOrDefault(resourceType, List.of());
    }
}
