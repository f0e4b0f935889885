package io.pjctrl.project.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;

import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.hibernate.HibernateException;
import org.hibernate.StaleStateException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.vertx.pgclient.PgException;

/**
 * The one place where failures become RFC 9457 problem+json, in the dialect both services share (web-common's
 * {@link Problem} and {@link ProblemType}, {@code instance} = the request path). Each mapper only names the exception type (so it wins
 * over Quarkus' built-in mapper for that type); {@link #problem(Throwable)} decides, unwrapping what Mutiny and
 * Hibernate Reactive wrap. Nothing here ever writes a stack trace to the client.
 */
public class ProblemMapper {

    private static final String UNIQUE_VIOLATION = "23505";

    private final ObjectMapper json;

    public ProblemMapper(ObjectMapper json) {
        this.json = json;
    }

    @ServerExceptionMapper
    public Response api(ApiException e, UriInfo uri) {
        return respond(e, uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        return respond(e, uri);
    }

    @ServerExceptionMapper
    public Response violation(ConstraintViolationException e, UriInfo uri) {
        return respond(e, uri);
    }

    @ServerExceptionMapper
    public Response resteasyViolation(ResteasyReactiveViolationException e, UriInfo uri) {
        return respond(e, uri);
    }

    @ServerExceptionMapper
    public Response jsonParse(JsonParseException e, UriInfo uri) {
        return respond(e, uri);
    }

    @ServerExceptionMapper
    public Response jsonMismatch(MismatchedInputException e, UriInfo uri) {
        return respond(e, uri);
    }

    @ServerExceptionMapper
    public Response jsonFormat(InvalidFormatException e, UriInfo uri) {
        return respond(e, uri);
    }

    @ServerExceptionMapper
    public Response jsonUnknownProperty(UnrecognizedPropertyException e, UriInfo uri) {
        return respond(e, uri);
    }

    @ServerExceptionMapper
    public Response jsonMapping(JsonMappingException e, UriInfo uri) {
        return respond(e, uri);
    }

    @ServerExceptionMapper
    public Response jsonProcessing(JsonProcessingException e, UriInfo uri) {
        return respond(e, uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return respond(e, uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return respond(e, uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(e, uri);
    }

    @ServerExceptionMapper
    public Response persistence(PersistenceException e, UriInfo uri) {
        return respond(e, uri);
    }

    @ServerExceptionMapper
    public Response hibernate(HibernateException e, UriInfo uri) {
        return respond(e, uri);
    }

    @ServerExceptionMapper
    public Response completion(CompletionException e, UriInfo uri) {
        return respond(e, uri);
    }

    @ServerExceptionMapper
    public Response any(Throwable e, UriInfo uri) {
        return respond(e, uri);
    }

    private Response respond(Throwable e, UriInfo uri) {
        Problem problem = problem(e).at(uri.getPath());
        Response.ResponseBuilder response = Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(serialize(problem));
        if (problem.status() == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        ApiException api = apiCause(e);
        if (api != null) {
            api.headers().forEach(response::header);
        }
        return response.build();
    }

    private static ApiException apiCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ApiException api) {
                return api;
            }
        }
        return null;
    }

    /** Classifies a failure, looking through wrappers (CompletionException, persistence wrappers, causes). */
    static Problem problem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Problem known = known(t);
            if (known != null) {
                return known;
            }
        }
        Log.errorf(e, "Unexpected failure answered with 500");
        return Problem.of(ProblemType.INTERNAL_ERROR, "the request failed unexpectedly; see the server log");
    }

    private static Problem known(Throwable t) {
        if (t instanceof ApiException api) {
            return api.problem();
        }
        if (t instanceof ConstraintViolationException violations) {
            return violations(violations);
        }
        if (t instanceof JsonProcessingException jackson) {
            return jackson(jackson);
        }
        if (t instanceof UnauthorizedException || t instanceof AuthenticationFailedException) {
            return Problem.of(ProblemType.UNAUTHENTICATED, "a valid bearer token is required");
        }
        if (t instanceof ForbiddenException) {
            return Problem.of(ProblemType.FORBIDDEN, "your role does not allow this operation");
        }
        if (t instanceof StaleStateException || t instanceof OptimisticLockException) {
            return Problem.of(ProblemType.VERSION_CONFLICT, "the resource was changed concurrently; reload it and retry");
        }
        if (t instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
            return Problem.of(ProblemType.DUPLICATE, "a resource with these unique values already exists");
        }
        if (t instanceof WebApplicationException web && !(web.getCause() instanceof JsonProcessingException)) {
            return web(web);
        }
        return null;
    }

    private static Problem web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 404) {
            return Problem.of(ProblemType.NOT_FOUND, "no such resource");
        }
        if (status == 400) {
            return Problem.invalid("body", "could not be read");
        }
        return Problem.ofStatus(status, e.getResponse().getStatusInfo().getReasonPhrase());
    }

    private static Problem violations(ConstraintViolationException e) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            errors.add(new FieldError(field(violation), violation.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldError::field));
        return Problem.invalid("the request has invalid fields", errors);
    }

    /** {@code create.body.displayName} -> {@code display_name}: the JSON name the client sent. */
    private static String field(ConstraintViolation<?> violation) {
        List<String> properties = new ArrayList<>();
        String parameter = "body";
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = snake(node.getName());
            } else if (node.getKind() == ElementKind.PROPERTY && node.getName() != null) {
                properties.add(snake(node.getName()));
            }
        }
        return properties.isEmpty() ? parameter : String.join(".", properties);
    }

    private static String snake(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static Problem jackson(JsonProcessingException e) {
        if (e instanceof JsonParseException parse) {
            return Problem.invalid("malformed JSON",
                    List.of(new FieldError("body", "malformed JSON at line " + line(parse) + ", column " + column(parse))));
        }
        if (e instanceof JsonMappingException mapping) {
            String field = path(mapping);
            String message;
            if (e instanceof UnrecognizedPropertyException unknown) {
                field = field.isEmpty() ? unknown.getPropertyName() : field;
                message = "unknown property";
            } else if (e instanceof InvalidFormatException format && format.getTargetType() != null
                    && format.getTargetType().isEnum()) {
                message = "unknown value '" + format.getValue() + "', expected one of " + enumValues(format.getTargetType());
            } else if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
                message = "must be a valid " + typeName(mismatch.getTargetType());
            } else {
                message = "could not be read";
            }
            return Problem.invalid(field.isEmpty() ? "body" : field, message);
        }
        return Problem.invalid("malformed JSON", List.of(new FieldError("body", "malformed JSON")));
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static List<String> enumValues(Class<?> type) {
        List<String> values = new ArrayList<>();
        for (Object constant : type.getEnumConstants()) {
            values.add(((Enum<?>) constant).name().toLowerCase(Locale.ROOT));
        }
        return values;
    }

    private static String typeName(Class<?> type) {
        return switch (type.getSimpleName()) {
            case "UUID" -> "UUID";
            case "LocalDate" -> "date (yyyy-mm-dd)";
            case "Long", "long", "Integer", "int" -> "integer";
            case "String" -> "string";
            default -> "value";
        };
    }

    private static int line(JsonProcessingException e) {
        return e.getLocation() == null ? 0 : e.getLocation().getLineNr();
    }

    private static int column(JsonProcessingException e) {
        return e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
    }

    private String serialize(Problem problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a Problem always serializes", e);
        }
    }
}
