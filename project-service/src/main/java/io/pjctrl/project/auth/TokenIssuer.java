package io.pjctrl.project.auth;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pjctrl.project.ProjectServiceConfig;
import io.pjctrl.project.user.User;
import io.smallrye.jwt.build.Jwt;

/**
 * Signs access tokens (RS256) with the key at {@code smallrye.jwt.sign.key.location}. audit-service verifies them
 * with the public key, so the claims are the contract: {@code sub} = user id, {@code upn} = email, {@code groups} =
 * [role], {@code jti} (revocable), {@code exp}.
 */
@ApplicationScoped
public class TokenIssuer {

    private final ProjectServiceConfig config;

    public TokenIssuer(ProjectServiceConfig config) {
        this.config = config;
    }

    public LoginResponse issue(User user) {
        Instant now = Instant.now();
        long lifetime = config.auth().tokenLifetime().toSeconds();
        String token = Jwt.issuer(config.auth().issuer())
                .subject(user.id.toString())
                .upn(user.email)
                .groups(Set.of(user.role.wire()))
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plusSeconds(lifetime))
                .sign();
        return new LoginResponse(token, "Bearer", lifetime);
    }
}
