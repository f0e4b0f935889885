package io.pjctrl.audit.privacy;

import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.fasterxml.jackson.databind.JsonNode;

import io.pjctrl.audit.log.AuditLogFilter;
import io.pjctrl.audit.ownevent.Requester;
import io.pjctrl.audit.web.QueryParameters;
import io.pjctrl.audit.web.Roles;
import io.pjctrl.web.problem.Problem;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

@Path("/api/privacy/holds")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
@Tag(name = "Privacy")
@SecurityRequirement(name = "jwt")
public class HoldResource {

    private static final Set<String> LIST_PARAMETERS = Set.of("active", "limit");
    private static final String HOLD_EXAMPLE = "{\"id\":\"5b1f0c9e-2d3a-4b5c-8d6e-7f8091a2b3c4\",\"user_id\":\"0b7a3c2e-61b4-4f7e-9d2a-1c5e8f3a9b40\","
            + "\"project_id\":null,\"reason\":\"Litigation hold, case 2026-117\",\"created_at\":\"2026-12-01T09:00:00Z\","
            + "\"created_by\":\"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d\",\"released_at\":null,\"released_by\":null,\"active\":true}";

    private final HoldService holds;
    private final JsonWebToken caller;

    public HoldResource(HoldService holds, JsonWebToken caller) {
        this.holds = holds;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @ResponseStatus(201)
    @Operation(summary = "Place a legal hold on a user's or a project's entries (admin)", description = "While the hold is active, retention drops no month holding an entry it matches "
            + "(user: entries with that user_id, or whose resource is that user; project: entries with that project_id), and an erasure of that user is refused (409). "
            + "The hold is recorded as an audit event (legal_hold.create) before it takes effect.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HoldRequest.class), examples = @ExampleObject(name = "user", value = "{\"user_id\":\"0b7a3c2e-61b4-4f7e-9d2a-1c5e8f3a9b40\",\"reason\":\"Litigation hold, case 2026-117\"}")))
    @APIResponse(responseCode = "201", description = "The hold", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Hold.class), examples = @ExampleObject(name = "hold", value = HOLD_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Not exactly one of user_id and project_id, no reason, or an unknown field", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Only admins place holds", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The hold could not be recorded as an audit event; no hold was placed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Hold> place(JsonNode body, HttpHeaders headers, HttpServerRequest request) {
        return holds.place(HoldRequest.of(body), Requester.of(caller, headers, request));
    }

    @POST
    @Path("/{id}/release")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Release a legal hold (admin)", description = "Sets released_at and released_by; the hold stays listed. Recorded as an audit event (legal_hold.release). A hold is released once: a second time is 409.")
    @APIResponse(responseCode = "200", description = "The released hold", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Hold.class)))
    @APIResponse(responseCode = "400", description = "The id is not a UUID", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Only admins release holds", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such hold", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Released already", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Hold> release(
            @Parameter(description = "Hold id", example = "5b1f0c9e-2d3a-4b5c-8d6e-7f8091a2b3c4") @RestPath String id,
            HttpHeaders headers, HttpServerRequest request) {
        return holds.release(AuditLogFilter.uuid("id", id), Requester.of(caller, headers, request));
    }

    @GET
    @Operation(summary = "List legal holds, newest first (admin, auditor)")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Hold.class, type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY), examples = @ExampleObject(name = "holds", value = "["
            + HOLD_EXAMPLE + "]")))
    @APIResponse(responseCode = "400", description = "Invalid parameter", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed: needs admin or auditor", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<Hold>> list(
            @Parameter(in = ParameterIn.QUERY, name = "active", description = "true: only active holds, false: only released ones; both when absent", example = "true") @RestQuery String active,
            @Parameter(in = ParameterIn.QUERY, name = "limit", description = "1-1000, default 100") @RestQuery String limit,
            UriInfo uri) {
        QueryParameters.rejectUnknown(uri, LIST_PARAMETERS);
        Boolean only = QueryParameters.blankToNull(active) == null ? null : QueryParameters.bool("active", active);
        return holds.list(only, QueryParameters.limit(limit, 100, 1000));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One legal hold (admin, auditor)")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Hold.class)))
    @APIResponse(responseCode = "400", description = "The id is not a UUID", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed: needs admin or auditor", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such hold", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Hold> get(@Parameter(description = "Hold id") @RestPath String id) {
        return holds.find(AuditLogFilter.uuid("id", id));
    }
}
