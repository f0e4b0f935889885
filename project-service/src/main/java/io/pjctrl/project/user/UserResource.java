package io.pjctrl.project.user;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import io.pjctrl.project.change.ChangeContext;
import io.pjctrl.project.change.CurrentRequest;
import io.pjctrl.project.web.Created;
import io.pjctrl.project.web.PageRequest;
import io.pjctrl.project.web.PageResponse;
import io.pjctrl.project.web.Params;
import io.smallrye.mutiny.Uni;

@Path("/api/users")
@RolesAllowed(Roles.ADMIN)
public class UserResource {

    private final UserService users;
    private final PasswordHasher hasher;
    private final CurrentRequest current;

    public UserResource(UserService users, PasswordHasher hasher, CurrentRequest current) {
        this.users = users;
        this.hasher = hasher;
        this.current = current;
    }

    @POST
    public Uni<RestResponse<UserResponse>> create(@Valid @NotNull UserRequest body) {
        ChangeContext context = current.context();
        return hasher.hash(body.password())
                .chain(hash -> users.create(body, hash, context))
                .map(user -> Created.at("/api/users/" + user.id(), user));
    }

    @GET
    public Uni<PageResponse<UserResponse>> list(@RestQuery String page, @RestQuery String size) {
        return users.list(PageRequest.of(page, size));
    }

    @PUT
    @Path("/{id}/role")
    public Uni<UserResponse> changeRole(@RestPath String id, @RestHeader("If-Match") String ifMatch,
            @Valid @NotNull RoleRequest body) {
        return users.changeRole(Params.uuid("id", id), body.role(), Params.expectedVersion(ifMatch, body.version()),
                current.context());
    }
}
