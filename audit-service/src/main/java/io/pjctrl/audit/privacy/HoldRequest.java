package io.pjctrl.audit.privacy;

import java.util.Iterator;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

import io.pjctrl.audit.web.InvalidParameterException;

/** The body of {@code POST /api/privacy/holds}: exactly one of user_id and project_id, and a reason. */
@Schema(name = "LegalHoldRequest")
public record HoldRequest(
        @Schema(description = "Hold this user's entries (exactly one of user_id, project_id)", nullable = true) UUID userId,
        @Schema(description = "Hold this project's entries (exactly one of user_id, project_id)", nullable = true) UUID projectId,
        @Schema(description = "Why (1-1000 characters)", examples = "Litigation hold, case 2026-117") String reason) {

    static final int MAX_REASON = 1000;
    private static final Set<String> FIELDS = Set.of("user_id", "project_id", "reason");

    /** Field by field, so that a wrong type, an unknown field or a missing subject is a 400 naming the field. */
    static HoldRequest of(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidParameterException("body", "the body must be a JSON object with user_id or project_id,"
                    + " and reason");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new InvalidParameterException(name, "unknown field " + name + "; known: " + FIELDS);
            }
        }
        UUID user = uuid(body, "user_id");
        UUID project = uuid(body, "project_id");
        if ((user == null) == (project == null)) {
            throw new InvalidParameterException(user == null ? "user_id" : "project_id",
                    "give exactly one of user_id and project_id");
        }
        JsonNode reason = body.get("reason");
        if (reason == null || !reason.isTextual() || reason.asText().isBlank()) {
            throw new InvalidParameterException("reason", "reason is required (a non-blank string)");
        }
        String text = reason.asText().trim();
        if (text.length() > MAX_REASON) {
            throw new InvalidParameterException("reason", "reason is longer than " + MAX_REASON + " characters");
        }
        return new HoldRequest(user, project, text);
    }

    private static UUID uuid(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidParameterException(field, field + " must be a UUID string");
        }
        try {
            return UUID.fromString(value.asText());
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(field, field + " must be a UUID: " + value.asText());
        }
    }
}
