package io.pjctrl.audit.tlog;

import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import io.pjctrl.audit.log.AuditLogFilter;
import io.pjctrl.audit.web.InvalidParameterException;
import io.pjctrl.audit.web.QueryParameters;
import io.pjctrl.audit.web.Roles;
import io.pjctrl.web.problem.Problem;
import io.smallrye.mutiny.Uni;

@Path("/api/audit-logs/{id}/proof")
@RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
@Tag(name = "Audit log")
@SecurityRequirement(name = "jwt")
public class EntryProofResource {

    private final EntryProofs proofs;

    public EntryProofResource(EntryProofs proofs) {
        this.proofs = proofs;
    }

    @GET
    @Produces(TlogResource.TEXT)
    @Operation(summary = "C2SP tlog-proof of one entry", description = "Leaf index seq - 1, the RFC 6962 inclusion path, and the chain's latest tree-root checkpoint with its cosignatures. "
            + "Verify offline: leaf hash = SHA-256(0x00 || SHA-256(canonical form of the entry)), the checkpoint's signatures with keys obtained out of band, then the inclusion proof (docs/integrity.md).")
    @APIResponse(responseCode = "200", content = @Content(mediaType = TlogResource.TEXT, examples = @ExampleObject(name = "tlog-proof", value = "c2sp.org/tlog-proof@v1\nindex 1\njqj5Q2KIWhLQ0OG/V1mLYF9RBp1fnzOT1GuRvzLC+Yg=\n2aGidgqAWRfnBKCfQdzOSNu+a92/27/BPl4HghqGPZs=\n\npjctrl-audit/events-0\n3\nyrdCKDqSnAFT+ostUq6JLCghEWdkE75JHtS31DdbkNo=\ntime 2026-12-01T12:00:00.000000Z\n\n\u2014 pjctrl-audit/events-0 LyLW9IZJz4V6...\n")))
    @APIResponse(responseCode = "400", description = "id is not a UUID", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed: needs admin or auditor", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such entry", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "No checkpoint covers the entry yet; retry after the next one", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<String>> proof(
            @Parameter(description = "Entry id (UUID)", example = "4e0c9d0a-1b2c-4d3e-8f40-5a6b7c8d9e0f") @RestPath String id,
            UriInfo uri) {
        QueryParameters.rejectUnknown(uri, Set.of());
        UUID parsed = AuditLogFilter.uuid("id", id);
        if (parsed == null) {
            throw new InvalidParameterException("id", "id must be a UUID");
        }
        return proofs.proofOf(parsed)
                .map(text -> RestResponse.ResponseBuilder.ok(text, TlogResource.TEXT)
                        .header("Content-Disposition", "inline; filename=\"" + parsed + ".tlog-proof\"")
                        .build());
    }
}
