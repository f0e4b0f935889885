package io.pjctrl.project.auth;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Rejects a token whose {@code jti} was logged out, on every authenticated request. One indexed primary-key
 * lookup on the reactive client; expired entries are purged because the signature check rejects those anyway.
 */
@ApplicationScoped
public class RevocationCheck implements SecurityIdentityAugmentor {

    private static final String IS_REVOKED = "SELECT 1 FROM revoked_token WHERE jti = $1";
    private static final String PURGE = "DELETE FROM revoked_token WHERE expires_at < $1";
    // Clock skew the verifier may tolerate: keep entries a little past expiry.
    private static final Duration GRACE = Duration.ofMinutes(5);

    private final Pool pool;

    public RevocationCheck(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        if (jwt.getTokenID() == null) {
            return Uni.createFrom().failure(new AuthenticationFailedException("token without jti"));
        }
        return pool.preparedQuery(IS_REVOKED)
                .execute(Tuple.of(jwt.getTokenID()))
                .map(rows -> {
                    if (rows.size() > 0) {
                        throw new AuthenticationFailedException("token revoked");
                    }
                    return identity;
                });
    }

    @Scheduled(every = "${pjctrl.auth.revocation-purge-interval}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purgeExpired() {
        return pool.preparedQuery(PURGE)
                .execute(Tuple.of(OffsetDateTime.ofInstant(Instant.now().minus(GRACE), ZoneOffset.UTC)))
                .invoke(rows -> Log.debugf("Purged %d expired token revocations", rows.rowCount()))
                .onFailure()
                .invoke(e -> Log.warnf("Revocation purge failed: %s", e.toString()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }
}
