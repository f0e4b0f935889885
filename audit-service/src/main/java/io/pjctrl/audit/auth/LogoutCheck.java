package io.pjctrl.audit.auth;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.pjctrl.audit.log.AuditLogRepository;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/**
 * Refuses a token issued before its user's latest logout. project-service revokes the logged-out token itself (its
 * {@code jti}, in its own database); this service learns of logouts only from the trail, whose {@code user.logout}
 * entries carry the user but not the token, so it refuses every token of that user issued before the logout: logging
 * out ends all earlier sessions at the audit API. It takes effect once the logout event is ingested (normally well
 * under a second; during a Kafka outage, when the outbox delivers it). Tokens issued within the second of the logout
 * ({@code iat} has whole seconds) are let through rather than refusing a login that immediately follows a logout.
 */
@ApplicationScoped
public class LogoutCheck implements SecurityIdentityAugmentor {

    private final AuditLogRepository log;

    public LogoutCheck(AuditLogRepository log) {
        this.log = log;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        if (jwt.getSubject() == null || jwt.getIssuedAtTime() <= 0) {
            return Uni.createFrom().failure(new AuthenticationFailedException("token without sub or iat"));
        }
        Instant nextSecond = Instant.ofEpochSecond(jwt.getIssuedAtTime() + 1);
        return log.loggedOutSince(jwt.getSubject(), nextSecond)
                .map(loggedOut -> {
                    if (loggedOut) {
                        throw new AuthenticationFailedException("the user logged out after this token was issued");
                    }
                    return identity;
                });
    }
}
