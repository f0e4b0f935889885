package io.pjctrl.audit.directory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
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

import io.pjctrl.audit.web.InvalidParameterException;
import io.pjctrl.audit.web.QueryParameters;
import io.pjctrl.audit.web.Roles;
import io.pjctrl.web.problem.Problem;
import io.smallrye.mutiny.Uni;

@Path("/api/directory")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
@Tag(name = "Directory")
@SecurityRequirement(name = "jwt")
public class DirectoryResource {

    /** 100 UUIDs and their commas fit the request line (4,096 bytes, Vert.x's default). */
    static final int MAX_IDS = 100;
    static final int MIN_QUERY = 3;
    static final int MAX_QUERY = 100;
    static final Set<String> KINDS = NameFields.NAME_FIELD.keySet();

    private static final String BAD_INPUT = "{\"type\":\"urn:pjctrl:problem:invalid-request\",\"title\":\"Invalid request\",\"status\":400,"
            + "\"detail\":\"kind must be one of user, project, task, blocker: robot\",\"instance\":\"/api/directory/search\","
            + "\"errors\":[{\"field\":\"kind\",\"message\":\"kind must be one of user, project, task, blocker: robot\"}]}";
    private static final String PAGE = "{\"items\":[{\"resource_type\":\"user\",\"resource_id\":\"c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f\","
            + "\"name\":\"Dana Reyes\",\"email\":\"dana@pjctrl.example\",\"erased\":false},{\"resource_type\":\"task\","
            + "\"resource_id\":\"5d2f1a9e-8c4b-4f7e-9a0d-3b6c2e1f4a55\",\"name\":\"Fix login bug\",\"email\":null,\"erased\":false}]}";

    private final DirectoryService service;

    public DirectoryResource(DirectoryService service) {
        this.service = service;
    }

    /** The answer of both operations. */
    @Schema(name = "DirectoryPage")
    public record DirectoryPage(List<DirectoryEntry> items) {
    }

    @GET
    @Operation(summary = "Names for ids", description = "The names the audit log's events carry for these resource ids (users' display names and e-mails, projects' names, tasks' titles, blockers' descriptions), as of the latest event that carried each. "
            + "Ids the directory does not know are left out; an erased user comes back with erased=true and no name.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DirectoryPage.class), examples = @ExampleObject(name = "names", value = PAGE)))
    @APIResponse(responseCode = "400", description = "No ids, too many, or one too long", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role is not admin or auditor")
    public Uni<DirectoryPage> lookup(
            @Parameter(in = ParameterIn.QUERY, name = "ids", description = "Resource ids, comma-separated or repeated; at most 100", example = "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f,5d2f1a9e-8c4b-4f7e-9a0d-3b6c2e1f4a55") @RestQuery List<String> ids,
            UriInfo uri) {
        QueryParameters.rejectUnknown(uri, Set.of("ids"));
        return service.lookup(ids(ids)).map(DirectoryPage::new);
    }

    @GET
    @Path("/search")
    @Operation(summary = "Find resources by name (typeahead)", description = "Resources whose name or e-mail contains q (any case); names that start with q first, then alphabetical. Erased users are never found.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DirectoryPage.class), examples = @ExampleObject(name = "matches", value = PAGE)))
    @APIResponse(responseCode = "400", description = "q missing, shorter than 3 or longer than 100 characters; unknown kind; bad limit", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "bad kind", value = BAD_INPUT)))
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role is not admin or auditor")
    public Uni<DirectoryPage> search(
            @Parameter(in = ParameterIn.QUERY, name = "q", description = "3 to 100 characters of a name or e-mail", example = "dana") @RestQuery String q,
            @Parameter(in = ParameterIn.QUERY, name = "kind", description = "Only this resource type: user, project, task or blocker", example = "user") @RestQuery String kind,
            @Parameter(in = ParameterIn.QUERY, name = "limit", description = "At most this many, 1-50", example = "10") @RestQuery String limit,
            UriInfo uri) {
        QueryParameters.rejectUnknown(uri, Set.of("q", "kind", "limit"));
        String query = QueryParameters.blankToNull(q);
        if (query == null || query.codePointCount(0, query.length()) < MIN_QUERY
                || query.codePointCount(0, query.length()) > MAX_QUERY) {
            throw new InvalidParameterException("q", "q must be " + MIN_QUERY + " to " + MAX_QUERY + " characters");
        }
        String type = QueryParameters.blankToNull(kind);
        if (type != null && !KINDS.contains(type)) {
            throw new InvalidParameterException("kind", "kind must be one of user, project, task, blocker: " + type);
        }
        return service.search(query, type, QueryParameters.limit(limit, 10, 50)).map(DirectoryPage::new);
    }

    private static List<String> ids(List<String> values) {
        Set<String> ids = new LinkedHashSet<>();
        for (String value : values == null ? List.<String>of() : values) {
            for (String id : value.split(",", -1)) {
                String trimmed = id.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                if (trimmed.length() > 64) {
                    throw new InvalidParameterException("ids", "an id is longer than 64 characters");
                }
                ids.add(trimmed);
            }
        }
        if (ids.isEmpty()) {
            throw new InvalidParameterException("ids", "ids must name at least one resource id");
        }
        if (ids.size() > MAX_IDS) {
            throw new InvalidParameterException("ids", "ids may name at most " + MAX_IDS + " resource ids");
        }
        return new ArrayList<>(ids);
    }
}
