package io.pjctrl.project.project;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
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

/** Projects; {@code If-Match: "<version>"} on writes turns a stale client's write into a 409. */
@Path("/api")
public class ProjectResource {

    private final ProjectService projects;
    private final CurrentRequest current;

    public ProjectResource(ProjectService projects, CurrentRequest current) {
        this.projects = projects;
        this.current = current;
    }

    @POST
    @Path("/projects")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER})
    public Uni<RestResponse<ProjectResponse>> create(@Valid @NotNull ProjectRequest body) {
        return projects.create(body, current.context())
                .map(project -> Created.at("/api/projects/" + project.id(), project));
    }

    @GET
    @Path("/projects")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.MEMBER})
    public Uni<PageResponse<ProjectResponse>> list(@RestQuery String status, @RestQuery String page,
            @RestQuery String size) {
        return projects.list(Params.optionalEnum("status", status, ProjectStatus.class), PageRequest.of(page, size));
    }

    @GET
    @Path("/projects/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.MEMBER})
    public Uni<ProjectResponse> get(@RestPath String id) {
        return projects.get(Params.uuid("id", id));
    }

    @PATCH
    @Path("/projects/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER})
    public Uni<ProjectResponse> update(@RestPath String id, @RestHeader("If-Match") String ifMatch,
            @Valid @NotNull ProjectPatch body) {
        return projects.update(Params.uuid("id", id), body, Params.expectedVersion(ifMatch, body.version()),
                current.context());
    }

    @DELETE
    @Path("/projects/{id}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<ProjectResponse> delete(@RestPath String id, @RestHeader("If-Match") String ifMatch) {
        return projects.delete(Params.uuid("id", id), Params.expectedVersion(ifMatch, null), current.context());
    }

    @POST
    @Path("/projects/{id}/restore")
    @RolesAllowed(Roles.ADMIN)
    public Uni<ProjectResponse> restore(@RestPath String id, @RestHeader("If-Match") String ifMatch) {
        return projects.restore(Params.uuid("id", id), Params.expectedVersion(ifMatch, null), current.context());
    }
}
