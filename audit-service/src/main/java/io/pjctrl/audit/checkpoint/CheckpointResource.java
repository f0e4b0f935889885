package io.pjctrl.audit.checkpoint;

import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import io.pjctrl.audit.log.CursorCodec;
import io.pjctrl.audit.log.KeysetCursor;
import io.pjctrl.audit.web.InvalidParameterException;
import io.pjctrl.audit.web.QueryParameters;
import io.pjctrl.audit.web.Roles;
import io.pjctrl.web.problem.Problem;
import io.smallrye.mutiny.Uni;

/**
 * Read-only REST over the signed checkpoints and the public keys, so outsiders can keep copies and verify exports
 * offline. The queries are {@link CheckpointRepository}'s.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
@Tag(name = "Integrity")
@SecurityRequirement(name = "jwt")
public class CheckpointResource {

    private static final String NOTE_EXAMPLE = "pjctrl-audit/events-2\\n1842\\nO30eDypMboCRorPE1eb3CBkqO0xdbn+AkaLE1eb3CBk=\\ntime 2026-11-28T09:00:10.000000Z\\n\\n\u2014 pjctrl-audit-2026 GisrPMm...==\\n";
    private static final String CHECKPOINT_EXAMPLE = "{\"id\":\"b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e\",\"chain_id\":\"events-2\",\"seq\":1842,"
            + "\"head_checksum\":\"3b7d1e0f2a4c6e8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708\",\"origin\":\"pjctrl-audit/events-2\","
            + "\"key_id\":\"pjctrl-audit-2026+1a2b3c4d\",\"signed_note\":\"" + NOTE_EXAMPLE
            + "\",\"created_at\":\"2026-11-28T09:00:10.000000Z\",\"format\":2,"
            + "\"root_hash\":\"3b0c1c7e2f4a6e8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708\",\"cosignatures\":[{"
            + "\"witness_name\":\"witness.pjctrl.local/w1\",\"witness_key_id\":\"e2c098eb\",\"signature_line\":"
            + "\"\u2014 witness.pjctrl.local/w1 4sCY6wAAAABrE9LPcGqda2toqX+WRl5D3ErcLntN1dv5Ci5tWp75dzrBXOe1naZMzVT8I1BuVyH600h2lfpYEgUN9x+7b0kaoYe8Ag==\","
            + "\"cosigned_at\":\"2026-11-28T09:00:11Z\"}]}";

    private final CheckpointRepository repository;
    private final CosignatureRepository cosignatures;
    private final CursorCodec cursors;

    public CheckpointResource(CheckpointRepository repository, CosignatureRepository cosignatures, CursorCodec cursors) {
        this.repository = repository;
        this.cosignatures = cosignatures;
        this.cursors = cursors;
    }

    @GET
    @Path("/checkpoints/latest")
    @Operation(summary = "The latest signed checkpoint of every chain")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CheckpointView.class, type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY), examples = @ExampleObject(name = "latest", value = "["
            + CHECKPOINT_EXAMPLE + "]")))
    @APIResponse(responseCode = "400", description = "Unknown or invalid query parameter", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed: needs admin or auditor", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<CheckpointView>> latest(UriInfo uri) {
        QueryParameters.rejectUnknown(uri, Set.of());
        return repository.latest()
                .chain(cosignatures::attachTo);
    }

    @GET
    @Path("/checkpoints")
    @Operation(summary = "Signed checkpoints, newest first", description = "Optionally of one chain; keyset paging like the audit log.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CheckpointPage.class), examples = @ExampleObject(name = "page", value = "{\"items\":["
            + CHECKPOINT_EXAMPLE + "],\"next_cursor\":null}")))
    @APIResponse(responseCode = "400", description = "Unknown or invalid query parameter", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed: needs admin or auditor", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CheckpointPage> list(
            @Parameter(in = ParameterIn.QUERY, name = "chain_id", example = "events-2") @RestQuery("chain_id") String chainId,
            @Parameter(in = ParameterIn.QUERY, name = "limit", description = "1-500, default 50") @RestQuery String limit,
            @Parameter(in = ParameterIn.QUERY, name = "cursor") @RestQuery String cursor, UriInfo uri) {
        QueryParameters.rejectUnknown(uri, Set.of("chain_id", "limit", "cursor"));
        String chain = QueryParameters.blankToNull(chainId);
        if (chain != null && chain.length() > 64) {
            throw new InvalidParameterException("chain_id", "chain_id is longer than 64 characters");
        }
        int size = QueryParameters.limit(limit, 50, 500);
        String scope = "checkpoints|" + chain;
        String after = QueryParameters.blankToNull(cursor);
        KeysetCursor position = after == null ? null : cursors.decode(after, scope, "cursor");
        return repository.page(chain, position, size + 1)
                .map(rows -> page(rows, size, scope))
                .chain(page -> cosignatures.attachTo(page.items())
                        .map(items -> new CheckpointPage(items, page.nextCursor())));
    }

    @GET
    @Path("/keys")
    @Operation(summary = "Public keys that sign checkpoints, with their validity windows", description = "Old keys stay listed after rotation so old checkpoints remain verifiable.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SigningKeyView.class, type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY), examples = @ExampleObject(name = "keys", value = "[{\"key_id\":\"pjctrl-audit-2026+1a2b3c4d\",\"algorithm\":\"Ed25519\","
            + "\"public_key\":\"pjctrl-audit-2026+1a2b3c4d+AT0dIKoAa0MGOrZ8NAs9Xf2A/0dlX42SN+mCDEVlXFqS\",\"valid_from\":\"2026-11-01T00:00:00Z\",\"valid_until\":null}]")))
    @APIResponse(responseCode = "400", description = "Unknown or invalid query parameter", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed: needs admin or auditor", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<SigningKeyView>> keys(UriInfo uri) {
        QueryParameters.rejectUnknown(uri, Set.of());
        return repository.keys();
    }

    private CheckpointPage page(List<CheckpointView> rows, int size, String scope) {
        if (rows.size() <= size) {
            return new CheckpointPage(rows, null);
        }
        List<CheckpointView> items = rows.subList(0, size);
        CheckpointView last = items.get(size - 1);
        return new CheckpointPage(items, cursors.encode(new KeysetCursor(last.createdAt(), last.id()), scope));
    }
}
