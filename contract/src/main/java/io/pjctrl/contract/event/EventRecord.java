package io.pjctrl.contract.event;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One change event as a Kafka record carries it, without the transport: key, headers (UTF-8 strings, in the order
 * they are written) and the JSON data. Built by {@link #binary}, which every producer uses, and read by
 * {@link EventContract#validate}.
 */
public record EventRecord(String key, Map<String, String> headers, byte[] value) {

    public EventRecord {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /**
     * The binary-mode record of an event: the seven headers of the contract, the key and subject of
     * {@code resourceType}/{@code resourceId} (null or empty when there is none) and {@code data} as the value.
     * {@code time} must be the instant of {@code data.occurred_at}; both are written as {@link Instant#toString}.
     */
    public static EventRecord binary(UUID eventId, String source, String eventType, String resourceType,
            String resourceId, Instant time, byte[] data) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CloudEvents.SPECVERSION_HEADER, CloudEvents.SPEC_VERSION);
        headers.put(CloudEvents.ID_HEADER, eventId.toString());
        headers.put(CloudEvents.SOURCE_HEADER, source);
        headers.put(CloudEvents.TYPE_HEADER, eventType);
        headers.put(CloudEvents.SUBJECT_HEADER, CloudEvents.subject(resourceType, resourceId));
        headers.put(CloudEvents.TIME_HEADER, time.toString());
        headers.put(CloudEvents.CONTENT_TYPE_HEADER, CloudEvents.DATA_CONTENT_TYPE);
        return new EventRecord(CloudEvents.key(resourceType, resourceId), headers, data);
    }

    /**
     * This record plus the W3C trace context headers {@code traceparent} and {@code tracestate}; a null or blank value
     * adds no header, so a change without a trace leaves the record as {@link #binary} wrote it.
     */
    public EventRecord withTraceContext(String traceparent, String tracestate) {
        if (traceparent == null || traceparent.isBlank()) {
            return this;
        }
        Map<String, String> traced = new LinkedHashMap<>(headers);
        traced.put(CloudEvents.TRACEPARENT_HEADER, traceparent);
        if (tracestate != null && !tracestate.isBlank()) {
            traced.put(CloudEvents.TRACESTATE_HEADER, tracestate);
        }
        return new EventRecord(key, traced, value);
    }

    /** The header's value, or null when the record has none. */
    public String header(String name) {
        return headers.get(name);
    }
}
