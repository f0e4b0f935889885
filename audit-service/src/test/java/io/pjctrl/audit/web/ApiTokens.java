package io.pjctrl.audit.web;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.smallrye.jwt.build.Jwt;

/** Tokens as project-service issues them (RS256, issuer, groups = [role]), signed with the test key. */
public final class ApiTokens {

    public static final String ISSUER = "pjctrl-project-service";
    public static final String PRIVATE_KEY = "pjctrl-test-keys/jwt-private.pem";
    public static final String OTHER_PRIVATE_KEY = "pjctrl-test-keys/other-jwt-private.pem";

    private ApiTokens() {
    }

    public static String forRole(String role) {
        return forUser(UUID.randomUUID(), role);
    }

    public static String forUser(UUID userId, String role) {
        return forUser(userId, role, Instant.now());
    }

    /** A token issued at {@code issuedAt} (e.g. before a logout), valid for ten minutes from then. */
    public static String forUser(UUID userId, String role, Instant issuedAt) {
        return Jwt.issuer(ISSUER)
                .subject(userId.toString())
                .upn(role + "-" + userId + "@pjctrl.test")
                .groups(role)
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(issuedAt)
                .expiresAt(issuedAt.plus(Duration.ofMinutes(10)))
                .sign(PRIVATE_KEY);
    }

    /** A well-formed token signed by a key project-service does not hold. */
    public static String forged(String role) {
        return Jwt.issuer(ISSUER)
                .subject(UUID.randomUUID().toString())
                .groups(role)
                .expiresIn(Duration.ofMinutes(10))
                .sign(OTHER_PRIVATE_KEY);
    }

    public static String expired(String role) {
        return Jwt.issuer(ISSUER)
                .subject(UUID.randomUUID().toString())
                .groups(role)
                .issuedAt(System.currentTimeMillis() / 1000 - 7200)
                .expiresAt(System.currentTimeMillis() / 1000 - 3600)
                .sign(PRIVATE_KEY);
    }

    public static String otherIssuer(String role) {
        return Jwt.issuer("someone-else")
                .subject(UUID.randomUUID().toString())
                .groups(role)
                .expiresIn(Duration.ofMinutes(10))
                .sign(PRIVATE_KEY);
    }
}
