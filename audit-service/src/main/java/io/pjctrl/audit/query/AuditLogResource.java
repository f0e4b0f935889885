package io.pjctrl.audit.query;

import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
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
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.pjctrl.audit.log.AuditLogFilter;
import io.pjctrl.audit.log.AuditLogFilterParams;
import io.pjctrl.audit.web.InvalidParameterException;
import io.pjctrl.audit.web.QueryParameters;
import io.pjctrl.audit.web.Roles;
import io.pjctrl.web.problem.Problem;
import io.smallrye.mutiny.Uni;

@Path("/api/audit-logs")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
@Tag(name = "Audit log")
@SecurityRequirement(name = "jwt")
public class AuditLogResource {

    private static final Set<String> LIST_PARAMETERS = QueryParameters.with(AuditLogFilter.PARAMETERS, "limit", "cursor",
            "include_total");
    private static final Set<String> STATS_PARAMETERS = QueryParameters.with(AuditLogFilter.PARAMETERS, "bucket", "tz");

    private final AuditLogService service;
    private final ActivityStatsService stats;

    public AuditLogResource(AuditLogService service, ActivityStatsService stats) {
        this.service = service;
        this.stats = stats;
    }

    @GET
    @Operation(summary = "List audit log entries", description = "Newest first (by occurred_at, then id). Filters combine with AND; repeated event_type or sensitivity values combine with OR. Pass next_cursor back as cursor, with the same filters, for the next page.")
    @APIResponse(responseCode = "200", description = "One page", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuditLogPage.class), examples = @ExampleObject(name = "page", value = PAGE_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "A parameter is invalid (named in `errors[].field`)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "bad limit", value = "{\"type\":\"urn:pjctrl:problem:invalid-request\",\"title\":\"Invalid request\",\"status\":400,\"detail\":\"limit must be between 1 and 500\",\"instance\":\"/api/audit-logs\",\"errors\":[{\"field\":\"limit\",\"message\":\"limit must be between 1 and 500\"}]}")))
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role is not admin or auditor")
    public Uni<AuditLogPage> list(@BeanParam AuditLogFilterParams filter,
            @Parameter(in = ParameterIn.QUERY, name = "limit", description = "Page size, 1-500", example = "50") @RestQuery String limit,
            @Parameter(in = ParameterIn.QUERY, name = "cursor", description = "next_cursor of the previous page") @RestQuery String cursor,
            @Parameter(in = ParameterIn.QUERY, name = "include_total", description = "Also count all matching entries", example = "true") @RestQuery("include_total") String includeTotal,
            UriInfo uri) {
        QueryParameters.rejectUnknown(uri, LIST_PARAMETERS);
        AuditLogFilter parsed = AuditLogFilter.parse(filter);
        return service.page(parsed, QueryParameters.blankToNull(cursor), QueryParameters.limit(limit, 50, 500),
                QueryParameters.bool("include_total", includeTotal));
    }

    @GET
    @Path("/stats")
    @Operation(summary = "Entries over time, per sensitivity level", description = "The activity chart: the entries matching the same filters as the list, counted per hour or day and per sensitivity level. Every bucket of the range is listed, empty ones with zeros, oldest first. Buckets are hours or days of the tz zone (UTC by default). Without from/to the range is the last 7 days (bucket=hour) or 30 days (bucket=day) up to now. At most 744 buckets per request.")
    @APIResponse(responseCode = "200", description = "The counts", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ActivityStats.class), examples = @ExampleObject(name = "stats", value = STATS_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "A parameter is invalid, or from/to spans more than 744 buckets (named in `errors[].field`)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "too many buckets", value = "{\"type\":\"urn:pjctrl:problem:invalid-request\",\"title\":\"Invalid request\",\"status\":400,\"detail\":\"from 2026-01-01T00:00:00Z to 2026-11-30T00:00:00Z spans more than 744 hour buckets: narrow from/to or use bucket=day\",\"instance\":\"/api/audit-logs/stats\",\"errors\":[{\"field\":\"bucket\",\"message\":\"from 2026-01-01T00:00:00Z to 2026-11-30T00:00:00Z spans more than 744 hour buckets: narrow from/to or use bucket=day\"}]}")))
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role is not admin or auditor")
    public Uni<ActivityStats> stats(@BeanParam AuditLogFilterParams filter,
            @Parameter(in = ParameterIn.QUERY, name = "bucket", description = "hour or day (default day)", example = "hour") @RestQuery String bucket,
            @Parameter(in = ParameterIn.QUERY, name = "tz", description = "IANA time zone whose hours/days the buckets are (default UTC)", example = "Europe/Berlin") @RestQuery String tz,
            UriInfo uri) {
        QueryParameters.rejectUnknown(uri, STATS_PARAMETERS);
        return stats.stats(AuditLogFilter.parse(filter), ActivityBucket.parse(bucket), ActivityStatsService.zone(tz));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One audit log entry", description = "With its chain position (chain_id, seq), checksum and prev_checksum.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuditLogView.class), examples = @ExampleObject(name = "entry", value = ENTRY_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such entry", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AuditLogView> get(
            @Parameter(description = "Entry id (UUID)", example = "4e0c9d0a-1b2c-4d3e-8f40-5a6b7c8d9e0f") @RestPath String id) {
        UUID parsed = AuditLogFilter.uuid("id", id);
        if (parsed == null) {
            throw new InvalidParameterException("id", "id must be a UUID");
        }
        return service.get(parsed);
    }

    static final String ENTRY_EXAMPLE = "{\"id\":\"4e0c9d0a-1b2c-4d3e-8f40-5a6b7c8d9e0f\",\"event_id\":\"a3f1c2d4-5b6e-4f70-8192-a3b4c5d6e7f8\","
            + "\"event_type\":\"task.update\",\"source\":\"/pjctrl/project-service\",\"resource_type\":\"task\","
            + "\"resource_id\":\"5d2f6c1e-8f1a-4c1e-9a43-0c6d1f2b7e10\",\"project_id\":\"7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f\","
            + "\"user_id\":\"0b7a3c2e-61b4-4f7e-9d2a-1c5e8f3a9b40\",\"actor_role\":\"manager\",\"action\":\"update\","
            + "\"changes\":{\"status\":{\"old\":\"todo\",\"new\":\"done\"}},"
            + "\"request_metadata\":{\"ip\":\"10.0.0.7\",\"user_agent\":\"Mozilla/5.0\",\"request_id\":\"req-81\",\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\"},"
            + "\"sensitivity_level\":\"medium\",\"aggregate_version\":3,\"occurred_at\":\"2026-11-28T09:00:00.123456Z\","
            + "\"recorded_at\":\"2026-11-28T09:00:00.140211Z\",\"chain_id\":\"events-2\",\"seq\":1842,"
            + "\"prev_checksum\":\"9f2c0b1d4c3e5a6f7081920a1b2c3d4e5f60718293a4b5c6d7e8f9012345678a\","
            + "\"checksum\":\"3b7d1e0f2a4c6e8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708\"}";
    static final String STATS_EXAMPLE = "{\"bucket\":\"hour\",\"time_zone\":\"UTC\",\"from\":\"2026-11-28T09:00:00Z\","
            + "\"to\":\"2026-11-28T10:59:59Z\",\"total\":9,\"buckets\":["
            + "{\"start\":\"2026-11-28T09:00:00Z\",\"low\":5,\"medium\":1,\"high\":0,\"critical\":1,\"total\":7},"
            + "{\"start\":\"2026-11-28T10:00:00Z\",\"low\":2,\"medium\":0,\"high\":0,\"critical\":0,\"total\":2}]}";
    static final String PAGE_EXAMPLE = "{\"items\":[" + ENTRY_EXAMPLE
            + "],\"next_cursor\":\"v1.AAYFxP4nKkBODAnQGyxNPo9AWmt8jZ4PXk2gQ6uQhyA.4x5n0pVd2Y1N3lq7y0Jx2w\",\"total\":1289}";
}
