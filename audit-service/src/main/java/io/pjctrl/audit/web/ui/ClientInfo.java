package io.pjctrl.audit.web.ui;

/**
 * What project-service should record about the browser behind the proxy, so a user.login event names the user's
 * address and agent rather than audit-service's.
 */
record ClientInfo(String forwardedFor, String userAgent, String requestId) {

    /** Appends the peer to an incoming X-Forwarded-For chain, as every proxy on the way does. */
    static ClientInfo of(String incomingForwardedFor, String peer, String userAgent, String requestId) {
        String chain = incomingForwardedFor == null || incomingForwardedFor.isBlank()
                ? peer
                : incomingForwardedFor + ", " + peer;
        return new ClientInfo(chain, userAgent, requestId);
    }
}
