package io.pjctrl.project.change;

/**
 * Where a change came from; every field may be null (a change made at startup has none). {@code traceparent} and
 * {@code tracestate} are the W3C trace context of the request's server span, stored with the outbox row and sent on
 * the Kafka record; {@code traceId} is the trace id inside them, written into the event's request_metadata.
 */
public record RequestMetadata(String ip, String userAgent, String requestId, String traceId, String traceparent,
        String tracestate) {

    public static final RequestMetadata NONE = new RequestMetadata(null, null, null, null, null, null);
}
