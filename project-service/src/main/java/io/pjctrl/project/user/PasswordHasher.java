package io.pjctrl.project.user;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pjctrl.project.ProjectServiceConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategy;

/**
 * bcrypt, on a worker thread: a hash costs hundreds of milliseconds by design and must never run on the event
 * loop. Results come back on the caller's Vert.x context, so a transaction can follow.
 */
@ApplicationScoped
public class PasswordHasher {

    private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2A;
    // bcrypt reads at most 72 bytes; longer (multi-byte) passwords are pre-hashed instead of failing.
    private static final LongPasswordStrategy LONG_PASSWORDS = LongPasswordStrategies.hashSha512(VERSION);

    private final Vertx vertx;
    private final int cost;
    // Checked against when the email is unknown, so both failure paths cost the same time.
    private volatile String decoy;

    public PasswordHasher(Vertx vertx, ProjectServiceConfig config) {
        this.vertx = vertx;
        this.cost = config.auth().bcryptCost();
    }

    public Uni<String> hash(String password) {
        return vertx.executeBlocking(() -> hashNow(password), false);
    }

    /** Blocking: only for startup code and worker threads. */
    public String hashNow(String password) {
        return BCrypt.with(VERSION, LONG_PASSWORDS).hashToString(cost, password.toCharArray());
    }

    /** Verifies against {@code hash}, or against a decoy when there is none (unknown email): false then. */
    public Uni<Boolean> verify(String password, String hash) {
        return vertx.executeBlocking(() -> verifyNow(password, hash), false);
    }

    private boolean verifyNow(String password, String hash) {
        if (decoy == null) {
            decoy = hashNow(UUID.randomUUID().toString());
        }
        boolean verified = BCrypt.verifyer(VERSION, LONG_PASSWORDS)
                .verify(password.getBytes(StandardCharsets.UTF_8),
                        (hash == null ? decoy : hash).getBytes(StandardCharsets.UTF_8)).verified;
        return verified && hash != null;
    }
}
