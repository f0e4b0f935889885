package io.pjctrl.audit.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * The one place where failures become RFC 9457 problem+json. Authentication is lazy
 * ({@code quarkus.http.auth.proactive=false}) so that 401/403 also pass through here instead of leaving an empty
 * body; unexpected errors become a 500 problem without a stack trace.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public RestResponse<Problem> invalidParameter(InvalidParameterException e, UriInfo uri) {
        return problem(400, "invalid-parameter", "Invalid parameter", e.getMessage(), uri, e.parameter());
    }

    @ServerExceptionMapper
    public RestResponse<Problem> notFound(NotFoundProblem e, UriInfo uri) {
        return problem(404, "not-found", "Not found", e.getMessage(), uri, null);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> conflict(ConflictProblem e, UriInfo uri) {
        return problem(409, "conflict", "Conflict", e.getMessage(), uri, null);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unavailable(UnavailableProblem e, UriInfo uri) {
        Log.warnf(e.getCause(), "%s", e.getMessage());
        return problem(503, "unavailable", "Service unavailable", e.getMessage(), uri, null);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> forbidden(ForbiddenException e, UriInfo uri) {
        return problem(403, "forbidden", "Forbidden", "your role may not use this endpoint", uri, null);
    }

    @ServerExceptionMapper({ConstraintViolationException.class, ResteasyReactiveViolationException.class})
    public RestResponse<Problem> constraintViolation(ConstraintViolationException e, UriInfo uri) {
        ConstraintViolation<?> first = e.getConstraintViolations().iterator().next();
        String path = first.getPropertyPath().toString();
        String parameter = path.substring(path.lastIndexOf('.') + 1);
        return problem(400, "invalid-parameter", "Invalid parameter", parameter + " " + first.getMessage(), uri, parameter);
    }

    // Quarkus registers built-in mappers for MismatchedInputException and friends that answer plain JSON; a mapper
    // for the exact types is what wins over them, so each is listed here.
    @ServerExceptionMapper({JsonProcessingException.class, JsonMappingException.class, JsonParseException.class,
            MismatchedInputException.class, InvalidFormatException.class, UnrecognizedPropertyException.class})
    public RestResponse<Problem> unreadableBody(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? mapping.getPath().get(mapping.getPath().size() - 1).getFieldName()
                : null;
        return problem(400, "invalid-body", "Invalid request body", "the request body is not valid JSON for this endpoint",
                uri, field == null ? "body" : field);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return unreadableBody(unreadable, uri);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (status.getStatusCode() >= 500) {
            return unexpected(e, uri);
        }
        return problem(status.getStatusCode(), "http-" + status.getStatusCode(), status.getReasonPhrase(), e.getMessage(),
                uri, null);
    }

    @ServerExceptionMapper(priority = 10_000)
    public RestResponse<Problem> unexpected(Throwable e, UriInfo uri) {
        Log.errorf(e, "Unexpected failure on %s", uri.getPath());
        return problem(500, "internal-error", "Internal error", "the request failed on the server; see the service log",
                uri, null);
    }

    private static RestResponse<Problem> unauthenticated(UriInfo uri) {
        return RestResponse.ResponseBuilder
                .<Problem>create(401)
                .entity(new Problem(Problem.TYPE_PREFIX + "unauthenticated", "Unauthenticated",
                        401, "a valid bearer token issued by project-service is required", uri.getPath(), null))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type(Problem.MEDIA_TYPE)
                .build();
    }

    static RestResponse<Problem> problem(int status, String type, String title, String detail, UriInfo uri,
            String parameter) {
        return RestResponse.ResponseBuilder
                .<Problem>create(status)
                .entity(new Problem(Problem.TYPE_PREFIX + type, title, status, detail, uri.getPath(), parameter))
                .type(Problem.MEDIA_TYPE)
                .build();
    }
}
