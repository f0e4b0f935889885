package io.pjctrl.audit.tlog;

import java.util.Set;

import jakarta.annotation.security.PermitAll;
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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import io.pjctrl.audit.web.InvalidParameterException;
import io.pjctrl.audit.web.QueryParameters;
import io.pjctrl.contract.tlog.TilePaths;
import io.pjctrl.web.problem.Problem;
import io.smallrye.mutiny.Uni;

/**
 * The public read API of every chain's Merkle log, C2SP tlog-tiles under the prefix {@code /tlog/<chain_id>/}: no
 * token (it serves hashes and sizes only; application.properties permits {@code /tlog/*}), bad paths answer
 * problem+json 400, unknown chains and tiles 404.
 */
@Path("/tlog/{chain_id}")
@PermitAll
@SecurityRequirements // public: no token (empty security in the OpenAPI document)
@Tag(name = "Transparency log")
public class TlogResource {

    /** Mutable: tlog-tiles asks that it is not cached beyond a few seconds. */
    static final String CHECKPOINT_CACHING = "no-cache";
    /** Tiles and bundles never change under their path (a partial one is a different path). */
    static final String TILE_CACHING = "public, max-age=31536000, immutable";
    static final String TEXT = "text/plain; charset=utf-8";
    private static final String CHAIN = "Chain id (the log's prefix is /tlog/<chain_id>/)";

    private final TlogReadService service;

    public TlogResource(TlogReadService service) {
        this.service = service;
    }

    @GET
    @Path("/checkpoint")
    @Produces(TEXT)
    @Operation(summary = "The latest checkpoint with every cosignature (C2SP tlog-checkpoint, signed note)")
    @APIResponse(responseCode = "200", content = @Content(mediaType = TEXT, examples = @ExampleObject(name = "checkpoint", value = "pjctrl-audit/events-0\n3\nyrdCKDqSnAFT+ostUq6JLCghEWdkE75JHtS31DdbkNo=\ntime 2026-12-01T12:00:00.000000Z\n\n\u2014 pjctrl-audit/events-0 LyLW9IZJz4V6...\n\u2014 witness.example/w1 OJLnXwAAAABp...\n")))
    @APIResponse(responseCode = "404", description = "Unknown chain, or no tree-root checkpoint yet", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<String>> checkpoint(@Parameter(description = CHAIN) @RestPath("chain_id") String chainId,
            UriInfo uri) {
        QueryParameters.rejectUnknown(uri, Set.of());
        return service.checkpoint(chainId)
                .map(note -> text(note, CHECKPOINT_CACHING));
    }

    @GET
    @Path("/key")
    @Produces(TEXT)
    @Operation(summary = "The log's verifier key (signed-note vkey) that verifies the latest checkpoint", description = "Convenience only: a key served by the log it vouches for proves nothing; obtain it out of band too.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = TEXT, examples = @ExampleObject(name = "vkey", value = "pjctrl-audit/events-0+2f22d6f4+AYqI4910CfGV/VLbLTy6XXLKZwm/HZQSG/N0iAG0D29c\n")))
    @APIResponse(responseCode = "404", description = "Unknown chain, or no tree-root checkpoint yet", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<String>> key(@Parameter(description = CHAIN) @RestPath("chain_id") String chainId,
            UriInfo uri) {
        QueryParameters.rejectUnknown(uri, Set.of());
        return service.key(chainId)
                .map(vkey -> text(vkey + "\n", CHECKPOINT_CACHING));
    }

    @GET
    @Path("/tile/{path: .+}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "A Merkle tree tile or an entry bundle (C2SP tlog-tiles)", description = "tile/<L>/<N>[.p/<W>]: 32-byte hashes, 256 to a full tile. "
            + "tile/entries/<N>[.p/<W>]: the leaf data (SHA-256 of the entry's canonical form), each prefixed with its length as a big-endian uint16.")
    @APIResponse(responseCode = "200", description = "The tile or bundle bytes", content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM))
    @APIResponse(responseCode = "400", description = "Malformed tile path (index encoding, level, width)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown chain, or no such tile in the tree", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<byte[]>> tile(@Parameter(description = CHAIN) @RestPath("chain_id") String chainId,
            @Parameter(description = "<L>/<N>[.p/<W>] or entries/<N>[.p/<W>]", example = "0/x001/234.p/7") @RestPath("path") String path,
            UriInfo uri) {
        QueryParameters.rejectUnknown(uri, Set.of());
        // The router drops a trailing slash; one resource, one path (a cache must not be filled twice).
        String tilePath = "tile/" + path + (uri.getPath().endsWith("/") ? "/" : "");
        Uni<byte[]> bytes;
        try {
            bytes = tilePath.startsWith("tile/" + TilePaths.ENTRIES + "/")
                    ? service.bundle(chainId, TilePaths.parseBundle(tilePath))
                    : service.tile(chainId, TilePaths.parseTile(tilePath));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("path", e.getMessage());
        }
        return bytes.map(data -> RestResponse.ResponseBuilder.ok(data, MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header("Cache-Control", TILE_CACHING)
                .build());
    }

    @GET
    @Path("/consistency")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "RFC 6962 consistency proof between two tree sizes", description = "From stored tiles (the same a tlog-tiles client would fetch). Check it against the roots of checkpoints you hold.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConsistencyProofView.class)))
    @APIResponse(responseCode = "400", description = "Sizes missing, malformed, decreasing or beyond the tree", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown chain", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ConsistencyProofView> consistency(@Parameter(description = CHAIN) @RestPath("chain_id") String chainId,
            @Parameter(in = ParameterIn.QUERY, name = "old_size", required = true, example = "120") @RestQuery("old_size") String oldSize,
            @Parameter(in = ParameterIn.QUERY, name = "new_size", required = true, example = "300") @RestQuery("new_size") String newSize,
            UriInfo uri) {
        QueryParameters.rejectUnknown(uri, Set.of("old_size", "new_size"));
        return service.consistency(chainId, size("old_size", oldSize), size("new_size", newSize));
    }

    private static long size(String parameter, String text) {
        String value = QueryParameters.blankToNull(text);
        if (value == null || !value.matches("0|[1-9][0-9]{0,18}")) {
            throw new InvalidParameterException(parameter, parameter + " must be a tree size (decimal, no leading zeroes): "
                    + (value == null ? "missing" : value));
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(parameter, parameter + " is beyond 2^63 - 1: " + value);
        }
    }

    private static RestResponse<String> text(String body, String caching) {
        return RestResponse.ResponseBuilder.ok(body, TEXT)
                .header("Cache-Control", caching)
                .build();
    }
}
