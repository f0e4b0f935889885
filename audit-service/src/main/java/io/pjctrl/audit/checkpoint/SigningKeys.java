package io.pjctrl.audit.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import io.pjctrl.audit.AuditServiceConfig;
import io.pjctrl.contract.chain.Timestamps;
import io.pjctrl.contract.note.NoteSigner;
import io.pjctrl.contract.note.VerifierKey;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The checkpoint signing key (loaded once from {@code pjctrl.checkpoint.private-key-file}) and the registration of
 * its public half, plus configured retired keys, in audit_signing_keys. A key's valid_from is when this service first
 * registered it; a retired key keeps the window it was configured with.
 */
// Startup: a missing or unreadable key fails the boot instead of the first checkpoint.
@Startup
@ApplicationScoped
public class SigningKeys {

    private final NoteSigner signer;
    private final List<RetiredKey> retired;
    private final CheckpointRepository repository;
    private final AtomicBoolean registered = new AtomicBoolean();

    /** A configured retired key, parsed at startup so a typo fails the boot, not the first checkpoint. */
    private record RetiredKey(VerifierKey key, Instant validFrom, Instant validUntil) {
    }

    public SigningKeys(AuditServiceConfig config, CheckpointRepository repository) {
        AuditServiceConfig.Checkpoint checkpoint = config.checkpoint();
        this.signer = NoteSigner.fromPem(checkpoint.keyName(), read(checkpoint.privateKeyFile()));
        this.retired = checkpoint.retiredKeys().orElse(List.of()).stream()
                .map(r -> new RetiredKey(VerifierKey.parse(r.verifierKey()), r.validFrom(), r.validUntil()))
                .toList();
        this.repository = repository;
    }

    public NoteSigner signer() {
        return signer;
    }

    /** The keys this service trusts for its own checkpoints: the current one and the configured retired ones. */
    public List<VerifierKey> pinned() {
        List<VerifierKey> pinned = new java.util.ArrayList<>();
        pinned.add(signer.verifierKey());
        retired.forEach(r -> pinned.add(r.key()));
        return List.copyOf(pinned);
    }

    /** Completes once the keys are in audit_signing_keys (done once; a failure is retried on the next call). */
    public Uni<Void> registered() {
        if (registered.get()) {
            return Uni.createFrom().voidItem();
        }
        return register()
                .invoke(() -> registered.set(true));
    }

    private Uni<Void> register() {
        Instant now = Timestamps.truncate(Instant.now());
        Uni<Void> current = repository.registerKey(signer.verifierKey(), now, null)
                .invoke(() -> Log.infof("Checkpoint signing key %s registered", signer.keyId()));
        return current.chain(() -> Multi.createFrom().iterable(retired)
                .onItem().transformToUniAndConcatenate(r -> repository.registerKey(r.key(), r.validFrom(), r.validUntil()))
                .collect().last()
                .replaceWithVoid());
    }

    /** {@code classpath:} + resource, or a file path. */
    static String read(String location) {
        try {
            if (location.startsWith("classpath:")) {
                String resource = location.substring("classpath:".length());
                try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalStateException("checkpoint key resource not found: " + resource);
                    }
                    return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                }
            }
            return Files.readString(Path.of(location), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint private key " + location, e);
        }
    }
}
