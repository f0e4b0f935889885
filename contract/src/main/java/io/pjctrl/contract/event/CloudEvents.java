package io.pjctrl.contract.event;

/**
 * The CloudEvents 1.0 Kafka protocol binding in binary mode, as the event contract uses it: the header names, the
 * record key and the subject (docs/events/README.md). Producers and consumers take these names from here.
 */
public final class CloudEvents {

    public static final String SPEC_VERSION = "1.0";
    public static final String DATA_CONTENT_TYPE = "application/json";

    public static final String SPECVERSION_HEADER = "ce_specversion";
    public static final String ID_HEADER = "ce_id";
    public static final String SOURCE_HEADER = "ce_source";
    public static final String TYPE_HEADER = "ce_type";
    public static final String SUBJECT_HEADER = "ce_subject";
    public static final String TIME_HEADER = "ce_time";
    /** Optional attribute: the URI of the data's schema (alerts send it; change events do not). */
    public static final String DATASCHEMA_HEADER = "ce_dataschema";
    /** Binary mode carries datacontenttype in the plain Kafka header {@code content-type}, not {@code ce_}. */
    public static final String CONTENT_TYPE_HEADER = "content-type";
    /**
     * W3C Trace Context of the request that made the change (optional): the ingest continues that trace. Not part
     * of the CloudEvents envelope; same names and formats as the HTTP headers of https://www.w3.org/TR/trace-context/.
     */
    public static final String TRACEPARENT_HEADER = "traceparent";
    /** W3C {@code tracestate}, sent only together with {@link #TRACEPARENT_HEADER} and only when there is one. */
    public static final String TRACESTATE_HEADER = "tracestate";

    private CloudEvents() {
    }

    /**
     * Record key {@code <resource_type>:<resource_id>}, so one resource's events stay in order on one partition;
     * {@code <resource_type>:} when there is no resource id (null or empty).
     */
    public static String key(String resourceType, String resourceId) {
        return resourceType + ":" + (resourceId == null ? "" : resourceId);
    }

    /** ce_subject: {@code <resource_type>/<resource_id>}, or the resource type alone when there is no id. */
    public static String subject(String resourceType, String resourceId) {
        return resourceId == null || resourceId.isEmpty() ? resourceType : resourceType + "/" + resourceId;
    }
}
