package io.pjctrl.audit.export;

import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestQuery;

import io.pjctrl.audit.log.AuditLogFilter;
import io.pjctrl.audit.log.AuditLogFilterParams;
import io.pjctrl.audit.ownevent.Requester;
import io.pjctrl.audit.web.QueryParameters;
import io.pjctrl.audit.web.Roles;
import io.pjctrl.web.problem.Problem;
import io.vertx.core.http.HttpServerRequest;

@Path("/api/audit-logs/export")
@RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
@Tag(name = "Audit log")
@SecurityRequirement(name = "jwt")
public class ExportResource {

    private static final Set<String> PARAMETERS = QueryParameters.with(AuditLogFilter.PARAMETERS, "format", "proofs");

    private final ExportService service;
    private final JsonWebToken caller;

    public ExportResource(ExportService service, JsonWebToken caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "Export audit log entries as a file", description = "Same filters as GET /api/audit-logs, newest first, streamed from a database cursor (any size). "
            + "Columns: every hashed field plus chain_id, seq, prev_checksum, checksum (see docs/integrity.md). "
            + "CSV (RFC 4180): cells starting with = + - @ TAB CR or ' get a leading ' (strip one leading ' to restore). "
            + "ocsf: one OCSF 1.8.0 event record per line (application/x-ndjson; docs/events/ocsf.md), the stored entry in unmapped.pjctrl. "
            + "The export is itself recorded as an audit event (type audit.export) before the first byte is sent.")
    @APIResponse(responseCode = "200", description = "The file (Content-Disposition: attachment)", content = {
            @Content(mediaType = "text/csv", examples = @ExampleObject(name = "csv", value = "id,event_id,event_type,source,resource_type,resource_id,project_id,user_id,actor_role,action,changes,request_metadata,sensitivity_level,aggregate_version,occurred_at,recorded_at,chain_id,seq,prev_checksum,checksum\r\n"
                    + "4e0c9d0a-1b2c-4d3e-8f40-5a6b7c8d9e0f,a3f1c2d4-5b6e-4f70-8192-a3b4c5d6e7f8,task.update,/pjctrl/project-service,task,5d2f6c1e-8f1a-4c1e-9a43-0c6d1f2b7e10,7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f,0b7a3c2e-61b4-4f7e-9d2a-1c5e8f3a9b40,manager,update,\"{\"\"status\"\": {\"\"new\"\": \"\"done\"\", \"\"old\"\": \"\"todo\"\"}}\",\"{\"\"ip\"\": \"\"10.0.0.7\"\", \"\"trace_id\"\": null, \"\"request_id\"\": \"\"req-81\"\", \"\"user_agent\"\": \"\"curl/8.5\"\"}\",medium,3,2026-11-28T09:00:00.123456Z,2026-11-28T09:00:00.140211Z,events-2,1842,9f2c0b1d4c3e5a6f7081920a1b2c3d4e5f60718293a4b5c6d7e8f9012345678a,3b7d1e0f2a4c6e8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708\r\n")),
            @Content(mediaType = "application/x-ndjson", examples = {
                    @ExampleObject(name = "ndjson", value = "{\"id\":\"4e0c9d0a-1b2c-4d3e-8f40-5a6b7c8d9e0f\",\"event_id\":\"a3f1c2d4-5b6e-4f70-8192-a3b4c5d6e7f8\",\"event_type\":\"task.update\",\"source\":\"/pjctrl/project-service\",\"resource_type\":\"task\",\"resource_id\":\"5d2f6c1e-8f1a-4c1e-9a43-0c6d1f2b7e10\",\"project_id\":\"7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f\",\"user_id\":\"0b7a3c2e-61b4-4f7e-9d2a-1c5e8f3a9b40\",\"actor_role\":\"manager\",\"action\":\"update\",\"changes\":{\"status\":{\"new\":\"done\",\"old\":\"todo\"}},\"request_metadata\":{\"ip\":\"10.0.0.7\",\"trace_id\":null,\"request_id\":\"req-81\",\"user_agent\":\"curl/8.5\"},\"sensitivity_level\":\"medium\",\"aggregate_version\":3,\"occurred_at\":\"2026-11-28T09:00:00.123456Z\",\"recorded_at\":\"2026-11-28T09:00:00.140211Z\",\"chain_id\":\"events-2\",\"seq\":1842,\"prev_checksum\":\"9f2c0b1d4c3e5a6f7081920a1b2c3d4e5f60718293a4b5c6d7e8f9012345678a\",\"checksum\":\"3b7d1e0f2a4c6e8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708\"}\n"),
                    @ExampleObject(name = "ocsf", value = "{\"class_uid\":3004,\"class_name\":\"Entity Management\",\"category_uid\":3,\"category_name\":\"Identity & Access Management\",\"activity_id\":3,\"activity_name\":\"Update\",\"type_uid\":300403,\"type_name\":\"Entity Management: Update\",\"severity_id\":3,\"severity\":\"Medium\",\"time\":1795856400123,\"timezone_offset\":0,\"message\":\"task.update task/5d2f6c1e-8f1a-4c1e-9a43-0c6d1f2b7e10\",\"status_id\":1,\"status\":\"Success\","
                            + "\"metadata\":{\"version\":\"1.8.0\",\"uid\":\"4e0c9d0a-1b2c-4d3e-8f40-5a6b7c8d9e0f\",\"product\":{\"name\":\"pjctrl-audit\",\"vendor_name\":\"pjctrl\",\"version\":\"0.1.0\"},\"correlation_uid\":\"a3f1c2d4-5b6e-4f70-8192-a3b4c5d6e7f8\",\"log_name\":\"events-2\",\"sequence\":1842,\"logged_time\":1795856400140},"
                            + "\"actor\":{\"user\":{\"uid\":\"0b7a3c2e-61b4-4f7e-9d2a-1c5e8f3a9b40\",\"type_id\":1,\"type\":\"User\"}},\"src_endpoint\":{\"ip\":\"10.0.0.7\"},\"http_request\":{\"user_agent\":\"curl/8.5\",\"uid\":\"req-81\"},\"entity\":{\"uid\":\"5d2f6c1e-8f1a-4c1e-9a43-0c6d1f2b7e10\",\"type\":\"task\"},"
                            + "\"unmapped\":{\"pjctrl\":{\"id\":\"4e0c9d0a-1b2c-4d3e-8f40-5a6b7c8d9e0f\",\"event_type\":\"task.update\",\"chain_id\":\"events-2\",\"seq\":1842,\"prev_checksum\":\"9f2c0b1d4c3e5a6f7081920a1b2c3d4e5f60718293a4b5c6d7e8f9012345678a\",\"checksum\":\"3b7d1e0f2a4c6e8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708\"}}}\n")})})
    @APIResponse(responseCode = "400", description = "Unknown format or invalid filter", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "bad format", value = "{\"type\":\"urn:pjctrl:problem:invalid-request\",\"title\":\"Invalid request\",\"status\":400,\"detail\":\"format must be csv, ndjson or ocsf: xlsx\",\"instance\":\"/api/audit-logs/export\",\"errors\":[{\"field\":\"format\",\"message\":\"format must be csv, ndjson or ocsf: xlsx\"}]}")))
    @APIResponse(responseCode = "503", description = "The export could not be recorded as an audit event (broker unavailable); nothing was exported", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestMulti<byte[]> export(
            @Parameter(in = ParameterIn.QUERY, name = "format", required = true, description = "csv, ndjson or ocsf (OCSF event records, NDJSON)", example = "csv") @RestQuery String format,
            @Parameter(in = ParameterIn.QUERY, name = "proofs", description = "true: every entry also carries tlog_proof, its C2SP tlog-proof against the latest tree-root checkpoint of its chain when the export started (named in X-Export-Checkpoints, chain=size); null for entries beyond it", example = "true") @RestQuery String proofs,
            @BeanParam AuditLogFilterParams filter, UriInfo uri, HttpHeaders headers, HttpServerRequest request) {
        QueryParameters.rejectUnknown(uri, PARAMETERS);
        ExportFormat parsedFormat = ExportFormat.parse(format);
        AuditLogFilter parsed = AuditLogFilter.parse(filter);
        ExportRecord export = new ExportRecord(UUID.randomUUID(), parsedFormat, parsed,
                Requester.of(caller, headers, request));
        return service.export(export, QueryParameters.bool("proofs", proofs));
    }
}
