package io.pjctrl.project.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.pjctrl.project.ProjectServiceConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Slows down password guessing per account (the normalized email, whether or not it exists) and per client IP (as
 * {@code change/ClientIpResolver} resolves it for the audit trail). An attempt is counted before its password is
 * checked, so concurrent guesses cannot slip in under the limit, and an attempt refused while its account or IP waits
 * costs no bcrypt and is not counted. A correct password clears its account and takes its count back from its IP.
 * The state lives in PostgreSQL, so every replica throttles alike.
 */
@ApplicationScoped
public class LoginThrottle {

    static final String ACCOUNT = "account:";
    static final String IP = "ip:";

    private final LoginThrottleRepository repository;
    private final ThrottlePolicy account;
    private final ThrottlePolicy ip;
    private final Duration window;

    public LoginThrottle(LoginThrottleRepository repository, ProjectServiceConfig config) {
        ProjectServiceConfig.Throttle throttle = config.auth().throttle();
        this.repository = repository;
        this.account = new ThrottlePolicy(throttle.accountFreeAttempts(), throttle.baseBackoff(),
                throttle.accountMaxBackoff());
        this.ip = new ThrottlePolicy(throttle.ipFreeAttempts(), throttle.baseBackoff(), throttle.ipMaxBackoff());
        this.window = throttle.window();
    }

    /** The outcome for one attempt: admitted (and counted), or refused until {@code retryAfter} has passed. */
    public record Admission(Duration retryAfter) {

        static final Admission ADMITTED = new Admission(Duration.ZERO);

        public boolean admitted() {
            return retryAfter.isZero();
        }
    }

    /** Admits and counts an attempt on {@code email} from {@code clientIp} (may be null), or refuses it. */
    public Uni<Admission> admit(String email, String clientIp) {
        Instant now = Instant.now();
        return repository.update(keys(email, clientIp), now, states -> decide(states, now));
    }

    /** The password was right: the account starts afresh, and the attempt no longer counts against the IP. */
    public Uni<Void> succeeded(String email, String clientIp) {
        Uni<Void> reset = repository.reset(ACCOUNT + email);
        return clientIp == null ? reset : reset.chain(() -> repository.giveBack(IP + clientIp, ip.freeAttempts()));
    }

    LoginThrottleRepository.Decided<Admission> decide(List<ThrottleState> states, Instant now) {
        Duration wait = Duration.ZERO;
        for (ThrottleState state : states) {
            if (state.blockedAt(now)) {
                Duration left = Duration.between(now, state.blockedUntil());
                wait = left.compareTo(wait) > 0 ? left : wait;
            }
        }
        if (!wait.isZero()) {
            return new LoginThrottleRepository.Decided<>(List.of(), new Admission(wait));
        }
        List<ThrottleState> counted = new ArrayList<>();
        for (ThrottleState state : states) {
            int failures = (state.lastAttemptAt().isBefore(now.minus(window)) ? 0 : state.failures()) + 1;
            Duration backoff = policy(state.key()).backoffAfter(failures);
            counted.add(new ThrottleState(state.key(), failures, now, backoff.isZero() ? null : now.plus(backoff)));
        }
        return new LoginThrottleRepository.Decided<>(counted, Admission.ADMITTED);
    }

    private ThrottlePolicy policy(String key) {
        return key.startsWith(ACCOUNT) ? account : ip;
    }

    private static List<String> keys(String email, String clientIp) {
        return clientIp == null ? List.of(ACCOUNT + email) : List.of(ACCOUNT + email, IP + clientIp);
    }

    @Scheduled(every = "${pjctrl.auth.throttle.purge-interval}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purgeQuiet() {
        return repository.purge(Instant.now().minus(window))
                .invoke(count -> Log.debugf("Purged %d quiet login throttle rows", count))
                .onFailure()
                .invoke(e -> Log.warnf("Login throttle purge failed: %s", e.toString()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }
}
