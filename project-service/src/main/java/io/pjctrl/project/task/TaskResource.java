package io.pjctrl.project.task;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import io.pjctrl.project.change.CurrentRequest;
import io.pjctrl.project.user.Roles;
import io.pjctrl.project.web.Created;
import io.pjctrl.project.web.PageRequest;
import io.pjctrl.project.web.PageResponse;
import io.pjctrl.project.web.Params;
import io.smallrye.mutiny.Uni;

/** Tasks; {@code If-Match: "<version>"} on writes turns a stale client's write into a 409. */
@Path("/api")
public class TaskResource {

    private final TaskService tasks;
    private final CurrentRequest current;

    public TaskResource(TaskService tasks, CurrentRequest current) {
        this.tasks = tasks;
        this.current = current;
    }

    @POST
    @Path("/projects/{id}/tasks")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.MEMBER})
    public Uni<RestResponse<TaskResponse>> create(@RestPath String id, @Valid @NotNull TaskRequest body) {
        return tasks.create(Params.uuid("id", id), body, current.context())
                .map(task -> Created.at("/api/tasks/" + task.id(), task));
    }

    @GET
    @Path("/projects/{id}/tasks")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.MEMBER})
    public Uni<PageResponse<TaskResponse>> list(@RestPath String id, @RestQuery String status,
            @RestQuery("assignee_id") String assigneeId, @RestQuery String page, @RestQuery String size) {
        return tasks.list(Params.uuid("id", id), Params.optionalEnum("status", status, TaskStatus.class),
                Params.optionalUuid("assignee_id", assigneeId), PageRequest.of(page, size));
    }

    @GET
    @Path("/tasks/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.MEMBER})
    public Uni<TaskResponse> get(@RestPath String id) {
        return tasks.get(Params.uuid("id", id));
    }

    @PATCH
    @Path("/tasks/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.MEMBER})
    public Uni<TaskResponse> update(@RestPath String id, @RestHeader("If-Match") String ifMatch,
            @Valid @NotNull TaskPatch body) {
        return tasks.update(Params.uuid("id", id), body, Params.expectedVersion(ifMatch, body.version()),
                current.context());
    }

    @DELETE
    @Path("/tasks/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER})
    public Uni<TaskResponse> delete(@RestPath String id, @RestHeader("If-Match") String ifMatch) {
        return tasks.delete(Params.uuid("id", id), Params.expectedVersion(ifMatch, null), current.context());
    }

    @POST
    @Path("/tasks/{id}/restore")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER})
    public Uni<TaskResponse> restore(@RestPath String id, @RestHeader("If-Match") String ifMatch) {
        return tasks.restore(Params.uuid("id", id), Params.expectedVersion(ifMatch, null), current.context());
    }

    @PUT
    @Path("/tasks/{id}/assignee")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.MEMBER})
    public Uni<TaskResponse> assign(@RestPath String id, @RestHeader("If-Match") String ifMatch,
            @Valid @NotNull AssigneeRequest body) {
        return tasks.assign(Params.uuid("id", id), body.userId(), Params.expectedVersion(ifMatch, body.version()),
                current.context());
    }

    @DELETE
    @Path("/tasks/{id}/assignee")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.MEMBER})
    public Uni<TaskResponse> unassign(@RestPath String id, @RestHeader("If-Match") String ifMatch) {
        return tasks.assign(Params.uuid("id", id), null, Params.expectedVersion(ifMatch, null), current.context());
    }
}
