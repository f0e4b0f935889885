package io.pjctrl.witness;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Errors raised by the HTTP layer itself, as problem+json like every refusal of the witness. */
public class ProblemMapper {

    /** Unknown paths, wrong methods and media types: problem+json too, never an HTML page or a stack trace. */
    @ServerExceptionMapper
    public Response mapWebApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return Problems.response(status, status == 404 ? "not-found" : "http-" + status, e.getMessage()).build();
    }
}
