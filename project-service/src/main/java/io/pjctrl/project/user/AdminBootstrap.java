package io.pjctrl.project.user;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.pjctrl.project.ProjectServiceConfig;
import io.pjctrl.project.change.ChangeContext;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;

/**
 * Creates the configured administrator at startup when no user has its email, so a fresh installation can log in.
 * Two replicas starting together race on the unique email: the loser's insert fails and is ignored.
 */
@ApplicationScoped
public class AdminBootstrap {

    private final ProjectServiceConfig config;
    private final UserService users;
    private final UserRepository repository;
    private final PasswordHasher hasher;

    public AdminBootstrap(ProjectServiceConfig config, UserService users, UserRepository repository,
            PasswordHasher hasher) {
        this.config = config;
        this.users = users;
        this.repository = repository;
        this.hasher = hasher;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        if (config.admin().password().isEmpty()) {
            Log.warn("pjctrl.admin.password is not set: no bootstrap administrator is created");
            return;
        }
        String email = config.admin().email();
        boolean exists = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> repository.findByEmail(email))
                .map(user -> user != null));
        if (exists) {
            return;
        }
        UserRequest admin = new UserRequest(email, config.admin().displayName(), Role.ADMIN,
                config.admin().password().get());
        String hash = hasher.hashNow(admin.password());
        try {
            VertxContextSupport.subscribeAndAwait(() -> users.create(admin, hash, ChangeContext.SYSTEM));
            Log.infof("Created bootstrap administrator %s", email);
        } catch (RuntimeException e) {
            Log.warnf("Bootstrap administrator %s not created (another replica may have won): %s", email, e.toString());
        }
    }
}
