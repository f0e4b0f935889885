package io.pjctrl.audit.alert;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.pjctrl.audit.log.AuditLogFilter;
import io.pjctrl.audit.web.InvalidParameterException;
import io.pjctrl.audit.web.QueryParameters;
import io.pjctrl.audit.web.Roles;
import io.pjctrl.web.problem.Problem;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

@Path("/api/alerts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
@Tag(name = "Alerts")
@SecurityRequirement(name = "jwt")
public class AlertResource {

    private static final Set<String> PARAMETERS = Set.of("acknowledged", "severity", "rule", "from", "to", "limit", "cursor");
    private static final Pattern RULE = Pattern.compile("[a-z0-9_.:\\-]{1,64}");
    private static final String LAST_EVENT_ID = "Last-Event-ID";
    private static final Pattern LAST_EVENT_ID_VALUE = Pattern.compile("[0-9]{1,18}");
    private static final String ALERT_EXAMPLE = "{\"id\":\"c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f\",\"audit_log_id\":\"4e0c9d0a-1b2c-4d3e-8f40-5a6b7c8d9e0f\","
            + "\"rule\":\"project.delete\",\"severity\":\"high\",\"message\":\"project.delete by 0b7a3c2e-61b4-4f7e-9d2a-1c5e8f3a9b40\","
            + "\"created_at\":\"2026-11-28T09:00:00.150000Z\",\"acknowledged_at\":\"2026-11-28T09:30:00Z\","
            + "\"acknowledged_by\":\"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d\",\"note\":\"Planned clean-up, ticket OPS-142\"}";

    private final AlertListing alerts;
    private final AlertStream stream;
    private final JsonWebToken caller;

    public AlertResource(AlertListing alerts, AlertStream stream, JsonWebToken caller) {
        this.alerts = alerts;
        this.stream = stream;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "List alerts, newest first", description = "Filters combine with AND; severity may repeat (OR).")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AlertPage.class), examples = @ExampleObject(name = "page", value = "{\"items\":["
            + ALERT_EXAMPLE + "],\"next_cursor\":null}")))
    @APIResponse(responseCode = "400", description = "Invalid filter", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AlertPage> list(
            @Parameter(in = ParameterIn.QUERY, name = "acknowledged", description = "true or false; both when absent", example = "false") @RestQuery String acknowledged,
            @Parameter(in = ParameterIn.QUERY, name = "severity", description = "low, medium, high or critical; may repeat", example = "critical") @RestQuery List<String> severity,
            @Parameter(in = ParameterIn.QUERY, name = "rule", example = "project.delete") @RestQuery String rule,
            @Parameter(in = ParameterIn.QUERY, name = "from", description = "Earliest created_at (ISO-8601)", example = "2026-11-01T00:00:00Z") @RestQuery String from,
            @Parameter(in = ParameterIn.QUERY, name = "to", description = "Latest created_at (ISO-8601)", example = "2026-11-30T23:59:59Z") @RestQuery String to,
            @Parameter(in = ParameterIn.QUERY, name = "limit", description = "1-500, default 50") @RestQuery String limit,
            @Parameter(in = ParameterIn.QUERY, name = "cursor", description = "next_cursor of the previous page") @RestQuery String cursor,
            UriInfo uri) {
        QueryParameters.rejectUnknown(uri, PARAMETERS);
        AlertFilter filter = filter(acknowledged, severity, rule, from, to);
        return alerts.page(filter, QueryParameters.blankToNull(cursor), QueryParameters.limit(limit, 50, 500));
    }

    @POST
    @Path("/{id}/acknowledge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Acknowledge an alert (admin)", description = "Records who (the token's subject) and when, with the note. An alert is acknowledged once: a second time is 409.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AcknowledgeRequest.class), examples = @ExampleObject(name = "note", value = "{\"note\":\"Planned clean-up, ticket OPS-142\"}")))
    @APIResponse(responseCode = "200", description = "The acknowledged alert", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AlertView.class), examples = @ExampleObject(name = "acknowledged", value = ALERT_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Missing or too long note", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Only admins acknowledge", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such alert", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already acknowledged", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AlertView> acknowledge(
            @Parameter(description = "Alert id", example = "c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f") @RestPath String id,
            @Valid @NotNull AcknowledgeRequest request) {
        UUID alertId = AuditLogFilter.uuid("id", id);
        UUID by = AuditLogFilter.uuid("sub", caller.getSubject());
        return alerts.acknowledge(alertId, by, request.note().trim());
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Server-Sent Events: every new alert, whichever instance stored it", description = "One event per alert: `id:` its stream position, `data:` the Alert JSON. "
            + "Reconnect with the `Last-Event-ID` header (browsers' EventSource does) to receive the alerts raised meanwhile first. "
            + "A `: keep-alive` comment line is sent every 15 s (pjctrl.alerts.stream.heartbeat) while idle.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = AlertView.class), examples = @ExampleObject(name = "event", value = "id:42\ndata:"
            + ALERT_EXAMPLE + "\n\n")))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed: needs admin or auditor", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "400", description = "Last-Event-ID is not an id this stream sent", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Multi<OutboundSseEvent> stream(
            @Parameter(in = ParameterIn.HEADER, name = LAST_EVENT_ID, description = "id: of the last event received", example = "42") @RestHeader(LAST_EVENT_ID) String lastEventId,
            @Context Sse sse) {
        return stream.subscribe(lastEventId(lastEventId))
                .map(item -> item instanceof StreamedAlert.Alert alert
                        ? sse.newEventBuilder()
                                .id(Long.toString(alert.position()))
                                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                                .data(AlertView.class, alert.alert())
                                .build()
                        : sse.newEventBuilder().comment("keep-alive").build());
    }

    private static Long lastEventId(String header) {
        String value = QueryParameters.blankToNull(header);
        if (value == null) {
            return null;
        }
        if (!LAST_EVENT_ID_VALUE.matcher(value).matches()) {
            throw new InvalidParameterException(LAST_EVENT_ID,
                    "Last-Event-ID must be the id: of an event of this stream (a non-negative number): "
                            + (value.length() > 40 ? value.substring(0, 40) + "..." : value));
        }
        return Long.parseLong(value);
    }

    private static AlertFilter filter(String acknowledged, List<String> severity, String rule, String from, String to) {
        Boolean ack = QueryParameters.blankToNull(acknowledged) == null
                ? null
                : QueryParameters.bool("acknowledged", acknowledged);
        List<String> severities = severity == null
                ? List.of()
                : severity.stream().map(String::trim).filter(s -> !s.isEmpty()).distinct().sorted().toList();
        severities.forEach(s -> {
            if (Severity.rank(s) < 0) {
                throw new InvalidParameterException("severity", "severity must be one of low, medium, high, critical: " + s);
            }
        });
        String ruleName = QueryParameters.blankToNull(rule);
        if (ruleName != null && !RULE.matcher(ruleName).matches()) {
            throw new InvalidParameterException("rule", "rule must be a rule name like project.delete: " + ruleName);
        }
        java.time.Instant fromAt = AuditLogFilter.instant("from", from);
        java.time.Instant toAt = AuditLogFilter.instant("to", to);
        if (fromAt != null && toAt != null && fromAt.isAfter(toAt)) {
            throw new InvalidParameterException("from", "from must not be after to");
        }
        return new AlertFilter(ack, severities, ruleName, fromAt, toAt);
    }
}
