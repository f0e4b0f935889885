package io.pjctrl.audit.privacy;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A legal hold as the API shows it; active until released. Exactly one of user_id and project_id is set. */
@Schema(name = "LegalHold")
public record Hold(
        @Schema(examples = "5b1f0c9e-2d3a-4b5c-8d6e-7f8091a2b3c4") UUID id,
        @Schema(description = "The user whose entries are held (entries with this user_id, or about this user)", nullable = true) UUID userId,
        @Schema(description = "The project whose entries are held (entries with this project_id)", nullable = true) UUID projectId,
        @Schema(examples = "Litigation hold, case 2026-117") String reason,
        Instant createdAt,
        @Schema(description = "Subject of the token that created it", nullable = true) String createdBy,
        @Schema(nullable = true) Instant releasedAt,
        @Schema(nullable = true) String releasedBy) {

    static final String COLUMNS = "id, user_id, project_id, reason, created_at, created_by, released_at, released_by";

    @JsonProperty("active")
    @Schema(description = "True until released")
    public boolean active() {
        return releasedAt == null;
    }

    /** The held subject as {@code user/<id>} or {@code project/<id>}, for problem details and logs. */
    @JsonIgnore
    public String subject() {
        return userId != null ? "user/" + userId : "project/" + projectId;
    }
}
