package io.pjctrl.project.blocker;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import io.pjctrl.project.change.CurrentRequest;
import io.pjctrl.project.user.Roles;
import io.pjctrl.project.web.Created;
import io.pjctrl.project.web.Params;
import io.smallrye.mutiny.Uni;

@Path("/api")
@RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.MEMBER})
public class BlockerResource {

    private final BlockerService blockers;
    private final CurrentRequest current;

    public BlockerResource(BlockerService blockers, CurrentRequest current) {
        this.blockers = blockers;
        this.current = current;
    }

    @POST
    @Path("/tasks/{id}/blockers")
    public Uni<RestResponse<BlockerResponse>> report(@RestPath String id, @Valid @NotNull BlockerRequest body) {
        return blockers.report(Params.uuid("id", id), body, current.context())
                .map(blocker -> Created.at("/api/blockers/" + blocker.id(), blocker));
    }

    @GET
    @Path("/tasks/{id}/blockers")
    public Uni<List<BlockerResponse>> list(@RestPath String id) {
        return blockers.list(Params.uuid("id", id));
    }

    @POST
    @Path("/blockers/{id}/resolve")
    public Uni<BlockerResponse> resolve(@RestPath String id, @RestHeader("If-Match") String ifMatch,
            @Valid @NotNull ResolveRequest body) {
        return blockers.resolve(Params.uuid("id", id), body, Params.expectedVersion(ifMatch, body.version()),
                current.context());
    }
}
