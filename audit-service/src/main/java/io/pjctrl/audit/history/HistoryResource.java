package io.pjctrl.audit.history;

import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.pjctrl.audit.log.AuditLogFilter;
import io.pjctrl.audit.web.InvalidParameterException;
import io.pjctrl.audit.web.QueryParameters;
import io.pjctrl.audit.web.Roles;
import io.pjctrl.web.problem.Problem;
import io.smallrye.mutiny.Uni;

@Path("/api/resources/{type}/{id}/history")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
@Tag(name = "Resource history")
@SecurityRequirement(name = "jwt")
public class HistoryResource {

    private static final Pattern TYPE = Pattern.compile("[a-z][a-z_]{0,49}");

    private final HistoryService service;

    public HistoryResource(HistoryService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "A resource's change timeline, or its state at an instant", description = "Without as_of: every change, oldest first (actor, time, field diffs). "
            + "With as_of: the changes up to that instant and the state reconstructed by folding them (each field's latest new value; deleted after a delete until a restore).")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ResourceHistory.class), examples = @ExampleObject(name = "as_of", value = "{\"resource_type\":\"task\",\"resource_id\":\"5d2f6c1e-8f1a-4c1e-9a43-0c6d1f2b7e10\",\"as_of\":\"2026-11-28T10:00:00Z\","
            + "\"items\":[{\"id\":\"4e0c9d0a-1b2c-4d3e-8f40-5a6b7c8d9e0f\",\"event_type\":\"task.create\",\"action\":\"create\",\"occurred_at\":\"2026-11-28T09:00:00.123456Z\",\"recorded_at\":\"2026-11-28T09:00:00.140211Z\",\"user_id\":\"0b7a3c2e-61b4-4f7e-9d2a-1c5e8f3a9b40\",\"actor_role\":\"manager\",\"aggregate_version\":1,\"chain_id\":\"events-2\",\"seq\":1842,\"changes\":{\"title\":{\"new\":\"Ship v2\"},\"status\":{\"new\":\"todo\"}}}],"
            + "\"truncated\":false,\"state\":{\"exists\":true,\"deleted\":false,\"version\":1,\"fields\":{\"title\":\"Ship v2\",\"status\":\"todo\"},\"last_entry_id\":\"4e0c9d0a-1b2c-4d3e-8f40-5a6b7c8d9e0f\",\"last_changed_at\":\"2026-11-28T09:00:00.123456Z\"}}")))
    @APIResponse(responseCode = "400", description = "Malformed type or as_of", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The audit log holds nothing about this resource", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ResourceHistory> history(
            @Parameter(description = "Resource type", example = "task") @RestPath String type,
            @Parameter(description = "Resource id", example = "5d2f6c1e-8f1a-4c1e-9a43-0c6d1f2b7e10") @RestPath String id,
            @Parameter(in = ParameterIn.QUERY, name = "as_of", description = "Reconstruct the state at this instant (ISO-8601)", example = "2026-11-28T10:00:00Z") @RestQuery("as_of") String asOf,
            UriInfo uri) {
        QueryParameters.rejectUnknown(uri, Set.of("as_of"));
        if (!TYPE.matcher(type).matches()) {
            throw new InvalidParameterException("type", "type must be a lowercase word like 'task': " + type);
        }
        if (id.length() > 64) {
            throw new InvalidParameterException("id", "id is longer than 64 characters");
        }
        Instant at = AuditLogFilter.instant("as_of", asOf);
        return service.history(type, id, at);
    }
}
