package io.pjctrl.audit.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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

import io.pjctrl.web.problem.FieldError;
import io.pjctrl.web.problem.Problem;
import io.pjctrl.web.problem.ProblemType;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * The one place where failures become RFC 9457 problem+json, in the dialect both services share (web-common's
 * {@link Problem} and {@link ProblemType}, {@code instance} = the request path, {@code errors} naming each offending
 * field of a 400). Authentication is lazy ({@code quarkus.http.auth.proactive=false}) so that 401/403 also pass
 * through here instead of leaving an empty body; unexpected errors become a 500 problem without a stack trace.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public RestResponse<Problem> invalidParameter(InvalidParameterException e, UriInfo uri) {
        return answer(Problem.invalid(e.getMessage(), List.of(new FieldError(e.parameter(), e.getMessage()))), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> notFound(NotFoundProblem e, UriInfo uri) {
        return answer(Problem.of(ProblemType.NOT_FOUND, e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> conflict(ConflictProblem e, UriInfo uri) {
        return answer(Problem.of(ProblemType.CONFLICT, e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unavailable(UnavailableProblem e, UriInfo uri) {
        Log.warnf(e.getCause(), "%s", e.getMessage());
        return answer(Problem.of(ProblemType.UNAVAILABLE, e.getMessage()), uri);
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
        return answer(Problem.of(ProblemType.FORBIDDEN, "your role may not use this endpoint"), uri);
    }

    @ServerExceptionMapper({ConstraintViolationException.class, ResteasyReactiveViolationException.class})
    public RestResponse<Problem> constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            String path = violation.getPropertyPath().toString();
            errors.add(new FieldError(path.substring(path.lastIndexOf('.') + 1), violation.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldError::field));
        FieldError first = errors.get(0);
        return answer(Problem.invalid(first.field() + " " + first.message(), errors), uri);
    }

    // Quarkus registers built-in mappers for MismatchedInputException and friends that answer plain JSON; a mapper
    // for the exact types is what wins over them, so each is listed here.
    @ServerExceptionMapper({JsonProcessingException.class, JsonMappingException.class, JsonParseException.class,
            MismatchedInputException.class, InvalidFormatException.class, UnrecognizedPropertyException.class})
    public RestResponse<Problem> unreadableBody(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? mapping.getPath().get(mapping.getPath().size() - 1).getFieldName()
                : null;
        String detail = "the request body is not valid JSON for this endpoint";
        return answer(Problem.invalid(detail, List.of(new FieldError(field == null ? "body" : field, detail))), uri);
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
        return answer(Problem.ofStatus(status.getStatusCode(), e.getMessage()), uri);
    }

    @ServerExceptionMapper(priority = 10_000)
    public RestResponse<Problem> unexpected(Throwable e, UriInfo uri) {
        Log.errorf(e, "Unexpected failure on %s", uri.getPath());
        return answer(Problem.of(ProblemType.INTERNAL_ERROR, "the request failed on the server; see the service log"),
                uri);
    }

    private static RestResponse<Problem> unauthenticated(UriInfo uri) {
        return RestResponse.ResponseBuilder
                .<Problem>create(401)
                .entity(Problem.of(ProblemType.UNAUTHENTICATED, "a valid bearer token issued by project-service is required")
                        .at(uri.getPath()))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type(Problem.MEDIA_TYPE)
                .build();
    }

    static RestResponse<Problem> answer(Problem problem, UriInfo uri) {
        return RestResponse.ResponseBuilder
                .<Problem>create(problem.status())
                .entity(problem.at(uri.getPath()))
                .type(Problem.MEDIA_TYPE)
                .build();
    }
}
