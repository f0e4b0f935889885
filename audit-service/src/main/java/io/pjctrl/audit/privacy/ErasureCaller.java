package io.pjctrl.audit.privacy;

/** The admin's request as its audit event records it (actor id and request metadata). */
public record ErasureCaller(String userId, String ip, String userAgent, String requestId, String traceId) {
}
