package io.pjctrl.audit.log;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The filter query parameters shared by the list and the export endpoints, taken as text so that every rejection
 * names its parameter ({@link AuditLogFilter#parse}).
 */
public class AuditLogFilterParams {

    @RestQuery("event_type")
    @Parameter(in = ParameterIn.QUERY, name = "event_type", description = "Event type; repeat for several (OR)", example = "task.delete")
    public List<String> eventType;

    @RestQuery("resource_type")
    @Parameter(in = ParameterIn.QUERY, name = "resource_type", example = "task")
    public String resourceType;

    @RestQuery("resource_id")
    @Parameter(in = ParameterIn.QUERY, name = "resource_id", example = "5d2f6c1e-8f1a-4c1e-9a43-0c6d1f2b7e10")
    public String resourceId;

    @RestQuery("user_id")
    @Parameter(in = ParameterIn.QUERY, name = "user_id", description = "The actor's user id (UUID)", example = "0b7a3c2e-61b4-4f7e-9d2a-1c5e8f3a9b40")
    public String userId;

    @RestQuery("project_id")
    @Parameter(in = ParameterIn.QUERY, name = "project_id", example = "7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f")
    public String projectId;

    @RestQuery("action")
    @Parameter(in = ParameterIn.QUERY, name = "action", description = "create, update, delete, restore, login or logout", example = "delete")
    public String action;

    @RestQuery("sensitivity")
    @Parameter(in = ParameterIn.QUERY, name = "sensitivity", description = "low, medium, high or critical; repeat for several (OR)", example = "critical")
    public List<String> sensitivity;

    @RestQuery("from")
    @Parameter(in = ParameterIn.QUERY, name = "from", description = "Earliest occurred_at, inclusive (ISO-8601 instant)", example = "2026-11-01T00:00:00Z")
    public String from;

    @RestQuery("to")
    @Parameter(in = ParameterIn.QUERY, name = "to", description = "Latest occurred_at, inclusive (ISO-8601 instant)", example = "2026-11-30T23:59:59Z")
    public String to;
}
