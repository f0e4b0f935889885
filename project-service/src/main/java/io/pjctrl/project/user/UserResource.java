package io.pjctrl.project.user;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
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

import io.pjctrl.project.change.ChangeContext;
import io.pjctrl.project.change.CurrentRequest;
import io.pjctrl.project.web.ApiExamples;
import io.pjctrl.project.web.Created;
import io.pjctrl.project.web.PageRequest;
import io.pjctrl.project.web.PageResponse;
import io.pjctrl.project.web.Params;
import io.pjctrl.web.problem.Problem;
import io.smallrye.mutiny.Uni;

@Tag(name = "Users", description = "Accounts and roles (admin only)")
@SecurityRequirement(name = "jwt")
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

    @Operation(summary = "Create a user (admin)", description = "The password is stored as a bcrypt hash and never returned; the change is an audit event (user.create).")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = UserRequest.class), examples = @ExampleObject(name = "example", value = ApiExamples.USER_REQUEST)))
    @APIResponse(responseCode = "201", description = "Created", headers = @Header(name = "Location", description = "URL of the new resource", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = "application/json", schema = @Schema(implementation = UserResponse.class), examples = @ExampleObject(name = "example", value = ApiExamples.USER)))
    @APIResponse(responseCode = "400", description = "Invalid body: malformed JSON, unknown or invalid fields (each named in errors)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token (missing, expired, revoked or forged)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed: needs admin", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A user with this email exists", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body larger than the limit", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @POST
    public Uni<RestResponse<UserResponse>> create(@Valid @NotNull UserRequest body) {
        ChangeContext context = current.context();
        return hasher.hash(body.password())
                .chain(hash -> users.create(body, hash, context))
                .map(user -> Created.at("/api/users/" + user.id(), user));
    }

    @Operation(summary = "List users (admin)")
    @APIResponse(responseCode = "200", description = "One page of users", content = @Content(mediaType = "application/json", schema = @Schema(implementation = UserPage.class), examples = @ExampleObject(name = "example", value = ApiExamples.USER_PAGE)))
    @APIResponse(responseCode = "400", description = "Invalid page or size", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token (missing, expired, revoked or forged)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed: needs admin", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @GET
    public Uni<PageResponse<UserResponse>> list(
            @Parameter(description = "Page number from 0", example = "0") @RestQuery String page,
            @Parameter(description = "Page size, 1-100, default 20", example = "20") @RestQuery String size) {
        return users.list(PageRequest.of(page, size));
    }

    @Operation(summary = "Change a user's role (admin)", description = "An audit event of high sensitivity (user.permission_change).")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = RoleRequest.class), examples = @ExampleObject(name = "example", value = ApiExamples.ROLE_REQUEST)))
    @APIResponse(responseCode = "200", description = "The user with the new role", content = @Content(mediaType = "application/json", schema = @Schema(implementation = UserResponse.class), examples = @ExampleObject(name = "example", value = ApiExamples.USER)))
    @APIResponse(responseCode = "400", description = "Invalid body, id or If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token (missing, expired, revoked or forged)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed: needs admin", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such user (or deleted)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "If-Match or version does not match the current version (or the state does not allow it)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body larger than the limit", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @PUT
    @Path("/{id}/role")
    public Uni<UserResponse> changeRole(@Parameter(description = "User id", example = ApiExamples.USER_ID) @RestPath String id,
            @Parameter(in = ParameterIn.HEADER, name = "If-Match", description = "Expected version, e.g. \"3\"; optional", example = "\"1\"") @RestHeader("If-Match") String ifMatch,
            @Valid @NotNull RoleRequest body) {
        return users.changeRole(Params.uuid("id", id), body.role(), Params.expectedVersion(ifMatch, body.version()),
                current.context());
    }

    /** The OpenAPI shape of {@code PageResponse<UserResponse>} (generic types have no name of their own). */
    @Schema(name = "UserPage", description = "One page of users, in creation order")
    record UserPage(List<UserResponse> items, int page, int size, long total) {
    }
}
