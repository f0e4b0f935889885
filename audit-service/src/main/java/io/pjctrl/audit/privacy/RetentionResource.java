package io.pjctrl.audit.privacy;

import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.pjctrl.audit.web.QueryParameters;
import io.pjctrl.audit.web.Roles;
import io.pjctrl.web.problem.Problem;
import io.smallrye.mutiny.Uni;

@Path("/api/privacy")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
@Tag(name = "Privacy")
@SecurityRequirement(name = "jwt")
public class RetentionResource {

    private final RetentionRepository repository;
    private final RetentionService retention;

    public RetentionResource(RetentionRepository repository, RetentionService retention) {
        this.repository = repository;
        this.retention = retention;
    }

    @GET
    @Path("/archives")
    @Operation(summary = "The months retention archived and dropped, and each chain's minimum index", description = "Per chain, seqs 1..last_seq left the log (minimum_index = last_seq: the 0-based "
            + "leaf index of the first entry still held, C2SP tlog-tiles); its tiles and checkpoints stay, and POST /api/integrity/verify starts the chain's walk after it. Each archive "
            + "file (with its manifest) is in the archive directory and verifies offline with pjctrl-verify.jar (docs/retention.md).")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ArchivesView.class)))
    @APIResponse(responseCode = "400", description = "Unknown query parameter", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed: needs admin or auditor", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ArchivesView> archives(UriInfo uri) {
        QueryParameters.rejectUnknown(uri, Set.of());
        return repository.archives()
                .chain(archives -> repository.archivedThrough()
                        .map(chains -> new ArchivesView(archives, List.copyOf(chains.values()))));
    }

    @GET
    @Path("/retention")
    @Operation(summary = "The outcome of this instance's last retention run, month by month", description = "Why each month stays (not_due, held, waiting with its reason) or that it was archived; "
            + "ran false and no months when retention has not run on this instance since it started (or another replica held the lock).")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RetentionReport.class)))
    @APIResponse(responseCode = "400", description = "Unknown query parameter", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed: needs admin or auditor", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RetentionReport retention(UriInfo uri) {
        QueryParameters.rejectUnknown(uri, Set.of());
        RetentionReport last = retention.last();
        return last != null ? last : new RetentionReport(false, null, List.of());
    }
}
