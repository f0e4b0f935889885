package io.pjctrl.project.change;

/** Where a change came from; every field may be null (a change made at startup has none). */
public record RequestMetadata(String ip, String userAgent, String requestId, String traceId) {

    public static final RequestMetadata NONE = new RequestMetadata(null, null, null, null);
}
