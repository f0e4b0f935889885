package io.pjctrl.witness;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.pjctrl.contract.tlog.TlogWitness;

/**
 * The C2SP tlog-witness HTTP interface, submission and monitoring prefix both {@code /}: {@code POST /add-checkpoint}
 * and {@code GET /<hex SHA-256 of the origin>/checkpoint}; and {@code GET /key}, the witness's vkey.
 */
@Path("/")
public class WitnessResource {

    static final String TEXT = "text/plain; charset=utf-8";

    private final WitnessService witness;

    public WitnessResource(WitnessService witness) {
        this.witness = witness;
    }

    @POST
    @Path(TlogWitness.ADD_CHECKPOINT)
    @Consumes(MediaType.WILDCARD)
    public Response addCheckpoint(byte[] body) {
        AddCheckpointOutcome outcome = witness.addCheckpoint(body == null ? new byte[0] : body);
        return switch (outcome.status()) {
            case 200 -> Response.ok(outcome.body(), TEXT).build();
            case 409 -> Response.status(409).type(TlogWitness.SIZE_CONTENT_TYPE).entity(outcome.body()).build();
            case 503 -> Problems.response(503, "busy", outcome.reason()).header("Retry-After", "1").build();
            default -> Problems.response(outcome.status(), Problems.typeOf(outcome.status()), outcome.reason()).build();
        };
    }

    @GET
    @Path("{originHash: [0-9a-f]{64}}/checkpoint")
    public Response checkpoint(@PathParam("originHash") String originHash) {
        return witness.latestNote(originHash)
                .map(note -> Response.ok(note, TEXT).header("Cache-Control", "no-cache"))
                .orElseGet(() -> Problems.response(404, "not-found",
                        "this witness never cosigned a checkpoint of that origin"))
                .build();
    }

    @GET
    @Path("key")
    public Response key() {
        return Response.ok(witness.vkey().format() + "\n", TEXT).build();
    }
}
