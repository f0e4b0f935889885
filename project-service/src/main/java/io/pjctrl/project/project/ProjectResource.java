package io.pjctrl.project.project;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import io.pjctrl.project.change.CurrentRequest;
import io.pjctrl.project.user.Roles;
import io.pjctrl.project.web.ApiExamples;
import io.pjctrl.project.web.Created;
import io.pjctrl.project.web.PageRequest;
import io.pjctrl.project.web.PageResponse;
import io.pjctrl.project.web.Params;
import io.pjctrl.web.problem.Problem;
import io.smallrye.mutiny.Uni;

/** Projects; {@code If-Match: "<version>"} on writes turns a stale client's write into a 409. */
@Tag(name = "Projects", description = "Projects; each change is an audit event (project.*)")
@SecurityRequirement(name = "jwt")
@Path("/api")
public class ProjectResource {

    private final ProjectService projects;
    private final CurrentRequest current;

    public ProjectResource(ProjectService projects, CurrentRequest current) {
        this.projects = projects;
        this.current = current;
    }

    @Operation(summary = "Create a project (admin, manager)")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProjectRequest.class), examples = @ExampleObject(name = "example", value = ApiExamples.PROJECT_REQUEST)))
    @APIResponse(responseCode = "201", description = "Created", headers = @Header(name = "Location", description = "URL of the new resource", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProjectResponse.class), examples = @ExampleObject(name = "example", value = ApiExamples.PROJECT)))
    @APIResponse(responseCode = "400", description = "Invalid body: malformed JSON, unknown or invalid fields (each named in errors)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token (missing, expired, revoked or forged)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed: needs admin or manager", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body larger than the limit", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @POST
    @Path("/projects")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER})
    public Uni<RestResponse<ProjectResponse>> create(@Valid @NotNull ProjectRequest body) {
        return projects.create(body, current.context())
                .map(project -> Created.at("/api/projects/" + project.id(), project));
    }

    @Operation(summary = "List projects", description = "Deleted projects are left out.")
    @APIResponse(responseCode = "200", description = "One page of projects", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProjectPage.class), examples = @ExampleObject(name = "example", value = ApiExamples.PROJECT_PAGE)))
    @APIResponse(responseCode = "400", description = "Invalid status, page or size", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token (missing, expired, revoked or forged)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed: needs admin, manager or member", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @GET
    @Path("/projects")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.MEMBER})
    public Uni<PageResponse<ProjectResponse>> list(
            @Parameter(description = "active, on_hold, completed or archived", example = "active") @RestQuery String status,
            @Parameter(description = "Page number from 0", example = "0") @RestQuery String page,
            @Parameter(description = "Page size, 1-100, default 20", example = "20") @RestQuery String size) {
        return projects.list(Params.optionalEnum("status", status, ProjectStatus.class), PageRequest.of(page, size));
    }

    @Operation(summary = "Get a project")
    @APIResponse(responseCode = "200", description = "The project", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProjectResponse.class), examples = @ExampleObject(name = "example", value = ApiExamples.PROJECT)))
    @APIResponse(responseCode = "400", description = "Malformed id", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token (missing, expired, revoked or forged)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed: needs admin, manager or member", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such project (or deleted)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @GET
    @Path("/projects/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.MEMBER})
    public Uni<ProjectResponse> get(
            @Parameter(description = "Project id", example = ApiExamples.PROJECT_ID) @RestPath String id) {
        return projects.get(Params.uuid("id", id));
    }

    @Operation(summary = "Update a project (admin, manager)", description = "JSON merge patch: absent fields stay, \"description\": null clears it.")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProjectPatch.class), examples = @ExampleObject(name = "example", value = ApiExamples.PROJECT_PATCH)))
    @APIResponse(responseCode = "200", description = "The updated project", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProjectResponse.class), examples = @ExampleObject(name = "example", value = ApiExamples.PROJECT)))
    @APIResponse(responseCode = "400", description = "Invalid body, id or If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token (missing, expired, revoked or forged)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed: needs admin or manager", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such project (or deleted)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "If-Match or version does not match the current version (or the state does not allow it)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body larger than the limit", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @PATCH
    @Path("/projects/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER})
    public Uni<ProjectResponse> update(
            @Parameter(description = "Project id", example = ApiExamples.PROJECT_ID) @RestPath String id,
            @Parameter(in = ParameterIn.HEADER, name = "If-Match", description = "Expected version, e.g. \"3\"; optional", example = "\"1\"") @RestHeader("If-Match") String ifMatch,
            @Valid @NotNull ProjectPatch body) {
        return projects.update(Params.uuid("id", id), body, Params.expectedVersion(ifMatch, body.version()),
                current.context());
    }

    @Operation(summary = "Delete a project (admin)", description = "Soft delete: restore brings it back.")
    @APIResponse(responseCode = "200", description = "The deleted project", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProjectResponse.class), examples = @ExampleObject(name = "example", value = ApiExamples.PROJECT)))
    @APIResponse(responseCode = "400", description = "Malformed id or If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token (missing, expired, revoked or forged)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed: needs admin", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such project (or deleted)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "If-Match or version does not match the current version (or the state does not allow it)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @DELETE
    @Path("/projects/{id}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<ProjectResponse> delete(
            @Parameter(description = "Project id", example = ApiExamples.PROJECT_ID) @RestPath String id,
            @Parameter(in = ParameterIn.HEADER, name = "If-Match", description = "Expected version, e.g. \"3\"; optional", example = "\"1\"") @RestHeader("If-Match") String ifMatch) {
        return projects.delete(Params.uuid("id", id), Params.expectedVersion(ifMatch, null), current.context());
    }

    @Operation(summary = "Restore a deleted project (admin)")
    @APIResponse(responseCode = "200", description = "The restored project", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProjectResponse.class), examples = @ExampleObject(name = "example", value = ApiExamples.PROJECT)))
    @APIResponse(responseCode = "400", description = "Malformed id or If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token (missing, expired, revoked or forged)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed: needs admin", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such project", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "If-Match or version does not match the current version (or the state does not allow it)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @POST
    @Path("/projects/{id}/restore")
    @RolesAllowed(Roles.ADMIN)
    public Uni<ProjectResponse> restore(
            @Parameter(description = "Project id", example = ApiExamples.PROJECT_ID) @RestPath String id,
            @Parameter(in = ParameterIn.HEADER, name = "If-Match", description = "Expected version, e.g. \"3\"; optional", example = "\"1\"") @RestHeader("If-Match") String ifMatch) {
        return projects.restore(Params.uuid("id", id), Params.expectedVersion(ifMatch, null), current.context());
    }

    /** The OpenAPI shape of {@code PageResponse<ProjectResponse>} (generic types have no name of their own). */
    @Schema(name = "ProjectPage", description = "One page of projects, in creation order")
    record ProjectPage(List<ProjectResponse> items, int page, int size, long total) {
    }
}
