package io.pjctrl.audit.web.ui;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pjctrl.audit.web.UnavailableProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * Same-origin sign-in for the admin UI: the UI is served by audit-service while accounts live in project-service, so
 * this forwards the credentials (no CORS, no token in a URL). It issues nothing itself: project-service checks the
 * password, signs the JWT, throttles guessing and records the user.login event. The browser's address travels in
 * X-Forwarded-For, so project-service throttles and records the browser, not this proxy (it must list this service
 * in its trusted proxies).
 */
@Path("/api/session")
@PermitAll
@Tag(name = "Admin UI session")
public class SessionResource {

    private final AuthForwarder forwarder;
    private final ObjectMapper json;

    public SessionResource(AuthForwarder forwarder, ObjectMapper json) {
        this.forwarder = forwarder;
        this.json = json;
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirements
    @Operation(summary = "Sign in through project-service", description = "Forwards {email, password} to project-service's POST /api/auth/login and returns its answer ({access_token, token_type, expires_in}, or its problem).")
    @APIResponse(responseCode = "200", description = "Signed in: the JWT to send as Bearer token")
    @APIResponse(responseCode = "401", description = "Wrong email or password (project-service's problem)")
    @APIResponse(responseCode = "429", description = "Too many failed attempts for the account or from the client's address (project-service's throttle); Retry-After says when to retry")
    @APIResponse(responseCode = "503", description = "project-service is not reachable")
    public Uni<Response> login(@Valid @NotNull LoginRequest request, HttpServerRequest http) {
        return forwarder.login(body(request), clientInfo(http))
                .onFailure()
                .transform(e -> new UnavailableProblem("the sign-in service (project-service) is not reachable", e))
                .map(SessionResource::relay);
    }

    @POST
    @Path("logout")
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirements
    @Operation(summary = "Sign out through project-service", description = "Forwards the Authorization header to project-service's POST /api/auth/logout, which revokes the token.")
    public Uni<Response> logout(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, HttpServerRequest http) {
        return forwarder.logout(authorization, clientInfo(http))
                .onFailure()
                .transform(e -> new UnavailableProblem("the sign-in service (project-service) is not reachable", e))
                .map(SessionResource::relay);
    }

    static Response relay(AuthForwarder.Answer answer) {
        if (answer.status() >= 500) {
            throw new UnavailableProblem("the sign-in service answered " + answer.status(), null);
        }
        Response.ResponseBuilder response = Response.status(answer.status());
        if (answer.retryAfter() != null) {
            // project-service's login throttle: the browser (and the UI) must see when to retry.
            response.header(HttpHeaders.RETRY_AFTER, answer.retryAfter());
        }
        if (answer.body() == null || answer.body().isEmpty()) {
            return response.build();
        }
        return response.type(answer.contentType()).entity(answer.body()).build();
    }

    private String body(LoginRequest request) {
        ObjectNode node = json.createObjectNode().put("email", request.email()).put("password", request.password());
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("two strings always serialize", e);
        }
    }

    private static ClientInfo clientInfo(HttpServerRequest http) {
        String peer = http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
        return ClientInfo.of(http.getHeader("X-Forwarded-For"), peer, http.getHeader("User-Agent"),
                http.getHeader("X-Request-Id"));
    }
}
