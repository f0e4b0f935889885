package io.pjctrl.project.auth;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import io.pjctrl.project.change.CurrentRequest;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/auth")
public class AuthResource {

    private final AuthService auth;
    private final CurrentRequest current;

    public AuthResource(AuthService auth, CurrentRequest current) {
        this.auth = auth;
        this.current = current;
    }

    @POST
    @Path("/login")
    @PermitAll
    public Uni<LoginResponse> login(@Valid @NotNull LoginRequest body) {
        return auth.login(body, current.metadata());
    }

    /** Revokes the presented token; 204. */
    @POST
    @Path("/logout")
    @Authenticated
    public Uni<Void> logout() {
        return auth.logout(current.token(), current.context());
    }
}
