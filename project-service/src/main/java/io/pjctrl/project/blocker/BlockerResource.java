package io.pjctrl.project.blocker;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import io.pjctrl.project.change.CurrentRequest;
import io.pjctrl.project.user.Roles;
import io.pjctrl.project.web.ApiExamples;
import io.pjctrl.project.web.Created;
import io.pjctrl.project.web.Params;
import io.pjctrl.web.problem.Problem;
import io.smallrye.mutiny.Uni;

@Tag(name = "Blockers", description = "What keeps a task from moving, until resolved (task.blocker events)")
@SecurityRequirement(name = "jwt")
@Path("/api")
@RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.MEMBER})
public class BlockerResource {

    private final BlockerService blockers;
    private final CurrentRequest current;

    public BlockerResource(BlockerService blockers, CurrentRequest current) {
        this.blockers = blockers;
        this.current = current;
    }

    @Operation(summary = "Report a blocker on a task")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = BlockerRequest.class), examples = @ExampleObject(name = "example", value = ApiExamples.BLOCKER_REQUEST)))
    @APIResponse(responseCode = "201", description = "Created", headers = @Header(name = "Location", description = "URL of the new resource", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = "application/json", schema = @Schema(implementation = BlockerResponse.class), examples = @ExampleObject(name = "example", value = ApiExamples.BLOCKER)))
    @APIResponse(responseCode = "400", description = "Invalid body or task id", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token (missing, expired, revoked or forged)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed: needs admin, manager or member", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such task (or deleted)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body larger than the limit", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @POST
    @Path("/tasks/{id}/blockers")
    public Uni<RestResponse<BlockerResponse>> report(
            @Parameter(description = "Task id", example = ApiExamples.TASK_ID) @RestPath String id,
            @Valid @NotNull BlockerRequest body) {
        return blockers.report(Params.uuid("id", id), body, current.context())
                .map(blocker -> Created.at("/api/blockers/" + blocker.id(), blocker));
    }

    @Operation(summary = "List a task's blockers")
    @APIResponse(responseCode = "200", description = "The task's blockers, oldest first", content = @Content(mediaType = "application/json", schema = @Schema(implementation = BlockerResponse.class, type = SchemaType.ARRAY), examples = @ExampleObject(name = "example", value = ApiExamples.BLOCKER_LIST)))
    @APIResponse(responseCode = "400", description = "Malformed task id", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token (missing, expired, revoked or forged)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed: needs admin, manager or member", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such task (or deleted)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @GET
    @Path("/tasks/{id}/blockers")
    public Uni<List<BlockerResponse>> list(
            @Parameter(description = "Task id", example = ApiExamples.TASK_ID) @RestPath String id) {
        return blockers.list(Params.uuid("id", id));
    }

    @Operation(summary = "Resolve a blocker")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = ResolveRequest.class), examples = @ExampleObject(name = "example", value = ApiExamples.RESOLVE_REQUEST)))
    @APIResponse(responseCode = "200", description = "The resolved blocker", content = @Content(mediaType = "application/json", schema = @Schema(implementation = BlockerResponse.class), examples = @ExampleObject(name = "example", value = ApiExamples.BLOCKER)))
    @APIResponse(responseCode = "400", description = "Invalid body, id or If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token (missing, expired, revoked or forged)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed: needs admin, manager or member", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such blocker (or deleted)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already resolved, or If-Match or version does not match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body larger than the limit", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @POST
    @Path("/blockers/{id}/resolve")
    public Uni<BlockerResponse> resolve(
            @Parameter(description = "Blocker id", example = ApiExamples.BLOCKER_ID) @RestPath String id,
            @Parameter(in = ParameterIn.HEADER, name = "If-Match", description = "Expected version, e.g. \"3\"; optional", example = "\"1\"") @RestHeader("If-Match") String ifMatch,
            @Valid @NotNull ResolveRequest body) {
        return blockers.resolve(Params.uuid("id", id), body, Params.expectedVersion(ifMatch, body.version()),
                current.context());
    }
}
