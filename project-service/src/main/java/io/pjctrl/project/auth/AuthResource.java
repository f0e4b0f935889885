package io.pjctrl.project.auth;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.pjctrl.project.change.CurrentRequest;
import io.pjctrl.project.web.ApiExamples;
import io.pjctrl.web.problem.Problem;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Tag(name = "Auth", description = "Sign in and out: RS256 bearer tokens that both services accept")
@Path("/api/auth")
public class AuthResource {

    private final AuthService auth;
    private final CurrentRequest current;

    public AuthResource(AuthService auth, CurrentRequest current) {
        this.auth = auth;
        this.current = current;
    }

    @Operation(summary = "Sign in", description = "Answers a bearer token (one hour) for the email and password. A wrong email and a wrong password get the same 401, and every attempt is an audit event (user.login, user.login_failed).")
    @SecurityRequirements
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = LoginRequest.class), examples = @ExampleObject(name = "example", value = ApiExamples.LOGIN)))
    @APIResponse(responseCode = "200", description = "Signed in", content = @Content(mediaType = "application/json", schema = @Schema(implementation = LoginResponse.class), examples = @ExampleObject(name = "example", value = ApiExamples.TOKEN)))
    @APIResponse(responseCode = "400", description = "Invalid body: malformed JSON, unknown or invalid fields (each named in errors)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "Invalid email or password", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body larger than the limit", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @POST
    @Path("/login")
    @PermitAll
    public Uni<LoginResponse> login(@Valid @NotNull LoginRequest body) {
        return auth.login(body, current.metadata());
    }

    /** Revokes the presented token; 204. */
    @Operation(summary = "Sign out", description = "Revokes the presented token (its jti) at once; other tokens of the user stay valid.")
    @SecurityRequirement(name = "jwt")
    @APIResponse(responseCode = "204", description = "Token revoked")
    @APIResponse(responseCode = "401", description = "No valid bearer token (missing, expired, revoked or forged)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @POST
    @Path("/logout")
    @Authenticated
    public Uni<Void> logout() {
        return auth.logout(current.token(), current.context());
    }
}
