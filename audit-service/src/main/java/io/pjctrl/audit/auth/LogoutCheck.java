package io.pjctrl.audit.web;

import java.time.Instant;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

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

    private static final String LOGGED_OUT_SINCE = """
            SELECT EXISTS (SELECT 1 FROM audit_logs
                           WHERE event_type = 'user.logout' AND resource_type = 'user' AND resource_id = $1
                             AND occurred_at >= $2)
            """;

    private final Pool pool;

    public LogoutCheck(Pool pool) {
        this.pool = pool;
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
        return pool.preparedQuery(LOGGED_OUT_SINCE)
                .execute(Tuple.of(jwt.getSubject(), nextSecond.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    if (rows.iterator().next().getBoolean(0)) {
                        throw new AuthenticationFailedException("the user logged out after this token was issued");
                    }
                    return identity;
                });
    }
}
