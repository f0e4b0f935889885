package io.pjctrl.project.outbox;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.opentelemetry.api.trace.Tracer;
import io.pjctrl.project.ProjectServiceConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Runs this replica's relay: drains the outbox when PostgreSQL notifies a commit (LISTEN), on every poll (the
 * fallback for a lost connection or a missed notification), and right after startup. Wake-ups that arrive while
 * a drain runs are folded into one more drain, so there is never more than one drain per replica.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final long RECONNECT_DELAY_MS = 1_000;

    private final ProjectServiceConfig config;
    private final Vertx vertx;
    private final Pool pool;
    private final OutboxMetrics metrics;
    private final Tracer tracer;
    private final Map<String, Object> kafkaConfig;
    private final PgConnectOptions listenOptions;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean wokenWhileDraining = new AtomicBoolean();

    private EventPublisher publisher;
    private RelayWorker worker;
    private PgSubscriber subscriber;

    public OutboxRelay(ProjectServiceConfig config, Vertx vertx, Pool pool, OutboxMetrics metrics, Tracer tracer,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.config = config;
        this.vertx = vertx;
        this.pool = pool;
        this.metrics = metrics;
        this.tracer = tracer;
        this.kafkaConfig = kafkaConfig;
        this.listenOptions = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""))
                .setUser(user)
                .setPassword(password);
    }

    void start(@Observes StartupEvent event) {
        publisher = newPublisher("pjctrl-outbox-relay-" + UUID.randomUUID());
        worker = newWorker(publisher);
        if (!config.outbox().relayEnabled()) {
            Log.info("Outbox relay disabled on this replica (pjctrl.outbox.relay-enabled=false)");
            return;
        }
        listen();
        wake();
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
        if (publisher != null) {
            publisher.close();
        }
    }

    /** A publisher with its own producer; tests use it to run a second relay against the same outbox. */
    public EventPublisher newPublisher(String clientId) {
        return new EventPublisher(kafkaConfig, config.topics().events(), config.events().source(),
                config.outbox().deliveryTimeout(), clientId);
    }

    public RelayWorker newWorker(EventPublisher eventPublisher) {
        return new RelayWorker(vertx, pool, eventPublisher, metrics, tracer, config.outbox().batchSize());
    }

    /** Starts a drain, or asks the running one to go round once more. */
    public void wake() {
        if (!config.outbox().relayEnabled() || worker == null) {
            return;
        }
        // Flag first, then try to become the drainer: a drain that is just finishing sees the flag and goes again.
        wokenWhileDraining.set(true);
        if (!draining.compareAndSet(false, true)) {
            return;
        }
        wokenWhileDraining.set(false);
        worker.drain()
                .onFailure()
                .invoke(e -> Log.warnf("Outbox relay batch failed, it stays pending and is retried: %s", e.toString()))
                .onFailure()
                .recoverWithItem(0)
                .subscribe()
                .with(sent -> finished());
    }

    private void finished() {
        draining.set(false);
        if (wokenWhileDraining.get()) {
            wake();
        }
    }

    @Scheduled(every = "${pjctrl.outbox.poll-interval}", delayed = "${pjctrl.outbox.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        if (worker == null) {
            return Uni.createFrom().voidItem();
        }
        wake();
        return worker.refreshBacklog()
                .onFailure()
                .invoke(e -> Log.debugf("Outbox backlog not refreshed: %s", e.toString()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    @Scheduled(every = "${pjctrl.outbox.purge-interval}", delayed = "${pjctrl.outbox.purge-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return worker.purgeSentBefore(Instant.now().minus(config.outbox().retention()))
                .invoke(count -> Log.debugf("Purged %d sent outbox rows", count))
                .onFailure()
                .invoke(e -> Log.warnf("Outbox purge failed: %s", e.toString()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    private void listen() {
        subscriber = PgSubscriber.subscriber(vertx, listenOptions)
                .reconnectPolicy(retries -> RECONNECT_DELAY_MS);
        subscriber.channel(config.outbox().channel())
                .handler(payload -> wake())
                // (Re)subscribed: notifications sent while the connection was down are lost, so look now.
                .subscribeHandler(this::wake);
        subscriber.connect()
                .subscribe()
                .with(ok -> Log.infof("Outbox relay listening on channel %s", config.outbox().channel()),
                        e -> Log.warnf("Outbox relay could not LISTEN (%s); polling only", e.toString()));
    }
}
