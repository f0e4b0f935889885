package io.pjctrl.audit.verify;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import io.pjctrl.audit.web.Roles;
import io.pjctrl.web.problem.Problem;
import io.smallrye.mutiny.Uni;

@Path("/api/integrity/verify")
@RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
@Tag(name = "Integrity")
@SecurityRequirement(name = "jwt")
public class VerifyResource {

    private final VerifyService service;

    public VerifyResource(VerifyService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Verify the integrity of the audit log", description = "Recomputes every checksum and link of the chain(s) in seq order, checks seq density, "
            + "checks the signed checkpoints (signature by a published and pinned key, and hash = recomputed head), and lists recorded version gaps "
            + "(whole-log runs only); rebuilds each chain's Merkle tree from its entries and compares it with the stored tree and tiles; compares every chain with the checkpoints held "
            + "outside the database (the checkpoints topic, each configured witness, held_checkpoints: inconsistent_checkpoint); with reconcile, compares the entries with the "
            + "Kafka records they came from (not_in_source, missing_from_log). An invalid result raises a critical alert (rule integrity_verification_failed). An empty body verifies everything.")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VerifyRequest.class), examples = {
            @ExampleObject(name = "everything", value = "{}"),
            @ExampleObject(name = "one chain, a range", value = "{\"chain_id\":\"events-2\",\"from_seq\":1000,\"to_seq\":2000}"),
            @ExampleObject(name = "against a held checkpoint, reconciled", value = "{\"chain_id\":\"events-2\",\"reconcile\":true,\"held_checkpoints\":[\"pjctrl-audit/events-2\\n1800\\n"
                    + "<base64 of the signed hash>\\ntime 2026-11-28T09:00:00.000000Z\\n\\n\u2014 pjctrl-audit-2026 <base64 signature>\\n\"]}")}))
    @APIResponse(responseCode = "200", description = "The report (also when invalid)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VerifyReport.class), examples = {
            @ExampleObject(name = "valid", value = "{\"status\":\"valid\",\"checked\":1842,\"chains\":[{\"chain_id\":\"events-2\",\"status\":\"valid\",\"checked\":1842,\"first_seq\":1,\"head_seq\":1842,"
                    + "\"head_checksum\":\"3b7d1e0f2a4c6e8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708\",\"checkpoint_seq\":1800,\"checkpoint_key_id\":\"pjctrl-audit-2026+1a2b3c4d\",\"failures\":0}],"
                    + "\"failures\":[],\"failures_truncated\":false,\"verified_at\":\"2026-11-28T09:30:00Z\"}"),
            @ExampleObject(name = "invalid", value = "{\"status\":\"invalid\",\"checked\":1842,\"chains\":[{\"chain_id\":\"events-2\",\"status\":\"invalid\",\"checked\":1842,\"first_seq\":1,\"head_seq\":1842,"
                    + "\"head_checksum\":\"3b7d1e0f2a4c6e8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708\",\"checkpoint_seq\":1800,\"checkpoint_key_id\":\"pjctrl-audit-2026+1a2b3c4d\",\"failures\":1}],"
                    + "\"failures\":[{\"chain_id\":\"events-2\",\"seq\":17,\"entry_id\":\"4e0c9d0a-1b2c-4d3e-8f40-5a6b7c8d9e0f\",\"kind\":\"checksum_mismatch\","
                    + "\"expected\":\"9f2c0b1d4c3e5a6f7081920a1b2c3d4e5f60718293a4b5c6d7e8f9012345678a\",\"computed\":\"0a4e5f6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7081\","
                    + "\"detail\":\"chain events-2 seq 17: stored checksum 9f2c... but fields hash to 0a4e...\"}],\"failures_truncated\":false,\"verified_at\":\"2026-11-28T09:30:00Z\"}")}))
    @APIResponse(responseCode = "400", description = "Invalid chain_id / seq range", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such chain", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<VerifyReport> verify(JsonNode request) {
        return service.verify(VerifyScope.of(request));
    }
}
