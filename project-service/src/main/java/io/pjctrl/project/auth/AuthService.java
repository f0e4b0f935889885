package io.pjctrl.project.auth;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.pjctrl.project.change.Actor;
import io.pjctrl.project.change.ChangeContext;
import io.pjctrl.project.change.ChangeEvent;
import io.pjctrl.project.change.ChangeRecorder;
import io.pjctrl.project.change.Changes;
import io.pjctrl.project.change.RequestMetadata;
import io.pjctrl.project.user.PasswordHasher;
import io.pjctrl.project.user.User;
import io.pjctrl.project.user.UserRepository;
import io.pjctrl.project.user.UserService;
import io.pjctrl.project.web.InvalidCredentialsException;
import io.pjctrl.project.web.TooManyAttemptsException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Login and logout. Every attempt leaves an event: {@code user.login}, {@code user.login_failed} (committed before
 * the 401 or the throttle's 429 goes out, with the reason) and {@code user.logout}. None of them changes the user, so they carry aggregate version 0.
 */
@ApplicationScoped
public class AuthService {

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final TokenIssuer tokens;
    private final ChangeRecorder changes;
    private final LoginThrottle throttle;

    public AuthService(UserRepository users, PasswordHasher hasher, TokenIssuer tokens, ChangeRecorder changes,
            LoginThrottle throttle) {
        this.throttle = throttle;
        this.users = users;
        this.hasher = hasher;
        this.tokens = tokens;
        this.changes = changes;
    }

    public Uni<LoginResponse> login(LoginRequest request, RequestMetadata metadata) {
        String email = UserRepository.normalize(request.email());
        return throttle.admit(email, metadata.ip())
                .chain(admission -> admission.admitted()
                        ? attempt(request.password(), email, metadata)
                        : throttled(email, admission, metadata));
    }

    private Uni<LoginResponse> attempt(String password, String email, RequestMetadata metadata) {
        return Panache.withSession(() -> users.findByEmail(email))
                .chain(user -> hasher.verify(password, user == null ? null : user.passwordHash)
                        .chain(verified -> verified
                                ? succeeded(user, metadata).call(() -> throttle.succeeded(email, metadata.ip()))
                                : failed(email, user, user == null ? "unknown_email" : "wrong_password", metadata)
                                        .chain(() -> Uni.createFrom().failure(new InvalidCredentialsException()))));
    }

    /** Refused without checking the password (no bcrypt), but recorded like any failed attempt. */
    private Uni<LoginResponse> throttled(String email, LoginThrottle.Admission admission, RequestMetadata metadata) {
        return Panache.withSession(() -> users.findByEmail(email))
                .chain(user -> failed(email, user, "throttled", metadata))
                .chain(() -> Uni.createFrom().failure(new TooManyAttemptsException(admission.retryAfter())));
    }

    private Uni<LoginResponse> succeeded(User user, RequestMetadata metadata) {
        ChangeContext context = new ChangeContext(new Actor(user.id, user.role.wire()), metadata);
        return Panache.withTransaction(() -> changes.record(event("user.login", user.id, "login", Changes.none(), context)))
                .map(recorded -> tokens.issue(user));
    }

    private Uni<Void> failed(String email, User user, String reason, RequestMetadata metadata) {
        Map<String, Map<String, Object>> diff = new LinkedHashMap<>();
        diff.put("email", Map.of("new", email));
        diff.put("reason", Map.of("new", reason));
        ChangeContext context = new ChangeContext(Actor.NOBODY, metadata);
        return Panache.withTransaction(() -> changes.record(event("user.login_failed", user == null ? null : user.id,
                "login", diff, context)))
                .replaceWithVoid();
    }

    /** Revokes the caller's token until it expires and records the logout, in one transaction. */
    public Uni<Void> logout(JsonWebToken token, ChangeContext context) {
        RevokedToken revoked = new RevokedToken();
        revoked.jti = token.getTokenID();
        revoked.userId = UUID.fromString(token.getSubject());
        revoked.expiresAt = Instant.ofEpochSecond(token.getExpirationTime());
        revoked.revokedAt = Instant.now();
        return Panache.withTransaction(() -> revoked.persist()
                .chain(() -> changes.record(event("user.logout", revoked.userId, "logout", Changes.none(), context))))
                .replaceWithVoid();
    }

    private static ChangeEvent event(String type, UUID userId, String action, Map<String, Map<String, Object>> diff,
            ChangeContext context) {
        return new ChangeEvent(type, UserService.RESOURCE, userId, null, action, diff, 0, context);
    }
}
