package io.pjctrl.audit.privacy;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.pjctrl.audit.ownevent.Requester;
import io.pjctrl.audit.web.Roles;
import io.pjctrl.web.problem.Problem;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

@Path("/api/privacy/erasures")
@Tag(name = "Privacy")
@SecurityRequirement(name = "jwt")
public class ErasureResource {

    private static final String EXAMPLE = "{\"id\":\"5b1e2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\",\"user_id\":\"0b7a3c2e-61b4-4f7e-9d2a-1c5e8f3a9b40\","
            + "\"reason\":\"GDPR Art. 17 request, ticket DPO-17\",\"erased_by\":\"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d\","
            + "\"erased_at\":\"2026-12-01T20:00:00.123456Z\",\"entries_affected\":42,\"entries_not_erasable\":3,"
            + "\"event_id\":\"6c2f3d4e-5f60-4b7c-9d8e-0f1a2b3c4d5e\",\"event_recorded\":true}";

    private final ErasureService service;
    private final JsonWebToken caller;

    public ErasureResource(ErasureService service, JsonWebToken caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Erase a data subject's personal values (admin)", description = "Destroys the subject's key and stored values: "
            + "every entry shows them as {\"$erased\":true} from now on, exports carry the bare commitments, and every chain, proof and "
            + "checkpoint still verifies. Later events about the subject keep commitments only. The erasure is an audit event "
            + "(privacy.erasure) and raises an alert. Entries stored before commitments existed are counted, not changed. See docs/personal-data.md.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErasureRequest.class), examples = @ExampleObject(name = "erasure", value = "{\"user_id\":\"0b7a3c2e-61b4-4f7e-9d2a-1c5e8f3a9b40\",\"reason\":\"GDPR Art. 17 request, ticket DPO-17\"}")))
    @APIResponse(responseCode = "201", description = "Erased, and recorded as an audit event", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErasureView.class), examples = @ExampleObject(name = "erased", value = EXAMPLE)))
    @APIResponse(responseCode = "202", description = "Erased, but the broker did not acknowledge its audit event (event_recorded false; see docs/personal-data.md)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErasureView.class)))
    @APIResponse(responseCode = "400", description = "Missing or invalid user_id or reason", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Only admins erase", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "An active legal hold matches the user (a hold on the user, or on a project the user acted in); the detail names the hold", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<ErasureView>> erase(@Valid @NotNull ErasureRequest request, HttpHeaders headers,
            HttpServerRequest http) {
        Requester by = Requester.of(caller, headers, http);
        return service.erase(UUID.fromString(request.userId()), request.reason().trim(), by)
                .map(view -> RestResponse.status(view.eventRecorded()
                        ? RestResponse.Status.CREATED
                        : RestResponse.Status.ACCEPTED, view));
    }
}
