package io.pjctrl.project.task;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

/** Tasks; {@code If-Match: "<version>"} on writes turns a stale client's write into a 409. */
@Tag(name = "Tasks", description = "Tasks of a project and their assignees; each change is an audit event (task.*)")
@SecurityRequirement(name = "jwt")
@Path("/api")
public class TaskResource {

    private final TaskService tasks;
    private final CurrentRequest current;

    public TaskResource(TaskService tasks, CurrentRequest current) {
        this.tasks = tasks;
        this.current = current;
    }

    @Operation(summary = "Create a task in a project")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = TaskRequest.class), examples = @ExampleObject(name = "example", value = ApiExamples.TASK_REQUEST)))
    @APIResponse(responseCode = "201", description = "Created", headers = @Header(name = "Location", description = "URL of the new resource", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = "application/json", schema = @Schema(implementation = TaskResponse.class), examples = @ExampleObject(name = "example", value = ApiExamples.TASK)))
    @APIResponse(responseCode = "400", description = "Invalid body or project id", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token (missing, expired, revoked or forged)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed: needs admin, manager or member", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such project (or deleted)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body larger than the limit", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @POST
    @Path("/projects/{id}/tasks")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.MEMBER})
    public Uni<RestResponse<TaskResponse>> create(
            @Parameter(description = "Project id", example = ApiExamples.PROJECT_ID) @RestPath String id,
            @Valid @NotNull TaskRequest body) {
        return tasks.create(Params.uuid("id", id), body, current.context())
                .map(task -> Created.at("/api/tasks/" + task.id(), task));
    }

    @Operation(summary = "List a project's tasks", description = "Deleted tasks are left out.")
    @APIResponse(responseCode = "200", description = "One page of tasks", content = @Content(mediaType = "application/json", schema = @Schema(implementation = TaskPage.class), examples = @ExampleObject(name = "example", value = ApiExamples.TASK_PAGE)))
    @APIResponse(responseCode = "400", description = "Invalid project id, status, assignee_id, page or size", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token (missing, expired, revoked or forged)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed: needs admin, manager or member", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such project (or deleted)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @GET
    @Path("/projects/{id}/tasks")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.MEMBER})
    public Uni<PageResponse<TaskResponse>> list(
            @Parameter(description = "Project id", example = ApiExamples.PROJECT_ID) @RestPath String id,
            @Parameter(description = "todo, in_progress, blocked or done", example = "todo") @RestQuery String status,
            @Parameter(description = "Only tasks assigned to this user", example = ApiExamples.USER_ID) @RestQuery("assignee_id") String assigneeId,
            @Parameter(description = "Page number from 0", example = "0") @RestQuery String page,
            @Parameter(description = "Page size, 1-100, default 20", example = "20") @RestQuery String size) {
        return tasks.list(Params.uuid("id", id), Params.optionalEnum("status", status, TaskStatus.class),
                Params.optionalUuid("assignee_id", assigneeId), PageRequest.of(page, size));
    }

    @Operation(summary = "Get a task")
    @APIResponse(responseCode = "200", description = "The task", content = @Content(mediaType = "application/json", schema = @Schema(implementation = TaskResponse.class), examples = @ExampleObject(name = "example", value = ApiExamples.TASK)))
    @APIResponse(responseCode = "400", description = "Malformed id", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token (missing, expired, revoked or forged)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed: needs admin, manager or member", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such task (or deleted)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @GET
    @Path("/tasks/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.MEMBER})
    public Uni<TaskResponse> get(@Parameter(description = "Task id", example = ApiExamples.TASK_ID) @RestPath String id) {
        return tasks.get(Params.uuid("id", id));
    }

    @Operation(summary = "Update a task", description = "JSON merge patch: absent fields stay, null clears description or due_date.")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = TaskPatch.class), examples = @ExampleObject(name = "example", value = ApiExamples.TASK_PATCH)))
    @APIResponse(responseCode = "200", description = "The updated task", content = @Content(mediaType = "application/json", schema = @Schema(implementation = TaskResponse.class), examples = @ExampleObject(name = "example", value = ApiExamples.TASK)))
    @APIResponse(responseCode = "400", description = "Invalid body, id or If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token (missing, expired, revoked or forged)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed: needs admin, manager or member", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such task (or deleted)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "If-Match or version does not match the current version (or the state does not allow it)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body larger than the limit", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @PATCH
    @Path("/tasks/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.MEMBER})
    public Uni<TaskResponse> update(@Parameter(description = "Task id", example = ApiExamples.TASK_ID) @RestPath String id,
            @Parameter(in = ParameterIn.HEADER, name = "If-Match", description = "Expected version, e.g. \"3\"; optional", example = "\"1\"") @RestHeader("If-Match") String ifMatch,
            @Valid @NotNull TaskPatch body) {
        return tasks.update(Params.uuid("id", id), body, Params.expectedVersion(ifMatch, body.version()),
                current.context());
    }

    @Operation(summary = "Delete a task (admin, manager)", description = "Soft delete: restore brings it back.")
    @APIResponse(responseCode = "200", description = "The deleted task", content = @Content(mediaType = "application/json", schema = @Schema(implementation = TaskResponse.class), examples = @ExampleObject(name = "example", value = ApiExamples.TASK)))
    @APIResponse(responseCode = "400", description = "Malformed id or If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token (missing, expired, revoked or forged)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed: needs admin or manager", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such task (or deleted)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "If-Match or version does not match the current version (or the state does not allow it)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @DELETE
    @Path("/tasks/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER})
    public Uni<TaskResponse> delete(@Parameter(description = "Task id", example = ApiExamples.TASK_ID) @RestPath String id,
            @Parameter(in = ParameterIn.HEADER, name = "If-Match", description = "Expected version, e.g. \"3\"; optional", example = "\"1\"") @RestHeader("If-Match") String ifMatch) {
        return tasks.delete(Params.uuid("id", id), Params.expectedVersion(ifMatch, null), current.context());
    }

    @Operation(summary = "Restore a deleted task (admin, manager)")
    @APIResponse(responseCode = "200", description = "The restored task", content = @Content(mediaType = "application/json", schema = @Schema(implementation = TaskResponse.class), examples = @ExampleObject(name = "example", value = ApiExamples.TASK)))
    @APIResponse(responseCode = "400", description = "Malformed id or If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token (missing, expired, revoked or forged)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed: needs admin or manager", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such task", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "If-Match or version does not match the current version (or the state does not allow it)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @POST
    @Path("/tasks/{id}/restore")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER})
    public Uni<TaskResponse> restore(@Parameter(description = "Task id", example = ApiExamples.TASK_ID) @RestPath String id,
            @Parameter(in = ParameterIn.HEADER, name = "If-Match", description = "Expected version, e.g. \"3\"; optional", example = "\"1\"") @RestHeader("If-Match") String ifMatch) {
        return tasks.restore(Params.uuid("id", id), Params.expectedVersion(ifMatch, null), current.context());
    }

    @Operation(summary = "Assign a task")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = AssigneeRequest.class), examples = @ExampleObject(name = "example", value = ApiExamples.ASSIGNEE_REQUEST)))
    @APIResponse(responseCode = "200", description = "The assigned task", content = @Content(mediaType = "application/json", schema = @Schema(implementation = TaskResponse.class), examples = @ExampleObject(name = "example", value = ApiExamples.TASK)))
    @APIResponse(responseCode = "400", description = "Invalid body, id or If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token (missing, expired, revoked or forged)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed: needs admin, manager or member", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such task or user (or deleted)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "If-Match or version does not match the current version (or the state does not allow it)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body larger than the limit", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @PUT
    @Path("/tasks/{id}/assignee")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.MEMBER})
    public Uni<TaskResponse> assign(@Parameter(description = "Task id", example = ApiExamples.TASK_ID) @RestPath String id,
            @Parameter(in = ParameterIn.HEADER, name = "If-Match", description = "Expected version, e.g. \"3\"; optional", example = "\"1\"") @RestHeader("If-Match") String ifMatch,
            @Valid @NotNull AssigneeRequest body) {
        return tasks.assign(Params.uuid("id", id), body.userId(), Params.expectedVersion(ifMatch, body.version()),
                current.context());
    }

    @Operation(summary = "Unassign a task")
    @APIResponse(responseCode = "200", description = "The task, unassigned", content = @Content(mediaType = "application/json", schema = @Schema(implementation = TaskResponse.class), examples = @ExampleObject(name = "example", value = ApiExamples.TASK)))
    @APIResponse(responseCode = "400", description = "Malformed id or If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token (missing, expired, revoked or forged)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed: needs admin, manager or member", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such task (or deleted)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "If-Match or version does not match the current version (or the state does not allow it)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @DELETE
    @Path("/tasks/{id}/assignee")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.MEMBER})
    public Uni<TaskResponse> unassign(@Parameter(description = "Task id", example = ApiExamples.TASK_ID) @RestPath String id,
            @Parameter(in = ParameterIn.HEADER, name = "If-Match", description = "Expected version, e.g. \"3\"; optional", example = "\"1\"") @RestHeader("If-Match") String ifMatch) {
        return tasks.assign(Params.uuid("id", id), null, Params.expectedVersion(ifMatch, null), current.context());
    }

    /** The OpenAPI shape of {@code PageResponse<TaskResponse>} (generic types have no name of their own). */
    @Schema(name = "TaskPage", description = "One page of tasks, in creation order")
    record TaskPage(List<TaskResponse> items, int page, int size, long total) {
    }
}
