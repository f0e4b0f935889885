package io.pjctrl.audit.web;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * RFC 9457 problem details. {@code type} is a stable URI per kind of failure, so clients branch on it instead of the
 * human-readable title; {@code parameter} names the query parameter or body field that was rejected.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details (application/problem+json)")
public record Problem(
        @Schema(examples = "urn:pjctrl:problem:invalid-parameter") String type,
        @Schema(examples = "Invalid parameter") String title,
        @Schema(examples = "400") int status,
        @Schema(examples = "limit must be between 1 and 500") String detail,
        @Schema(examples = "/api/audit-logs") String instance,
        @Schema(examples = "limit") String parameter) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "urn:pjctrl:problem:";
}
