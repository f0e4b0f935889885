package io.pjctrl.project.change;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The caller and the request metadata of the current HTTP request. Resources read {@link #context()} on the request
 * thread and pass the result on, so nothing downstream depends on a CDI context surviving reactive hops.
 */
@RequestScoped
public class CurrentRequest {

    private final SecurityIdentity identity;
    private RequestMetadata metadata = RequestMetadata.NONE;

    public CurrentRequest(SecurityIdentity identity) {
        this.identity = identity;
    }

    void metadata(RequestMetadata metadata) {
        this.metadata = metadata;
    }

    public RequestMetadata metadata() {
        return metadata;
    }

    public ChangeContext context() {
        return new ChangeContext(actor(), metadata);
    }

    public Actor actor() {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Actor.NOBODY;
        }
        String role = identity.getRoles().stream().findFirst().orElse(null);
        return new Actor(UUID.fromString(jwt.getSubject()), role);
    }

    /** The token of an authenticated caller; logout needs its id and expiry. */
    public JsonWebToken token() {
        return (JsonWebToken) identity.getPrincipal();
    }
}
