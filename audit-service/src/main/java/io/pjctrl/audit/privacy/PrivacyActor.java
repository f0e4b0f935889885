package io.pjctrl.audit.privacy;

/**
 * Who asked for a privacy action, as its audit event records it: the token's subject when it is a UUID (else null),
 * the caller's role and the request's metadata, cut to the contract's lengths when published.
 */
public record PrivacyActor(String userId, String role, String ip, String userAgent, String requestId, String traceId) {

    /** For created_by/released_by: the subject, or the role when the subject is not a UUID. */
    String name() {
        return userId != null ? userId : role;
    }
}
