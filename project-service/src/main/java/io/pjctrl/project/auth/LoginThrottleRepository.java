package io.pjctrl.project.auth;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code login_throttle} table, on the reactive client: an attempt is counted under row locks in one short
 * transaction, so replicas counting the same account concurrently never lose a count.
 */
@ApplicationScoped
public class LoginThrottleRepository {

    private static final String ENSURE = """
            INSERT INTO login_throttle (throttle_key, failures, last_attempt_at)
            SELECT k, 0, $2 FROM unnest($1::varchar[]) AS k
            ON CONFLICT (throttle_key) DO NOTHING
            """;
    // Keys are locked in one order, so two attempts on the same account and IP never deadlock.
    private static final String LOCK = """
            SELECT throttle_key, failures, last_attempt_at, blocked_until FROM login_throttle
            WHERE throttle_key = ANY($1::varchar[]) ORDER BY throttle_key FOR UPDATE
            """;
    private static final String SAVE = """
            UPDATE login_throttle SET failures = $2, last_attempt_at = $3, blocked_until = $4 WHERE throttle_key = $1
            """;
    private static final String RESET = "DELETE FROM login_throttle WHERE throttle_key = $1";
    private static final String GIVE_BACK = """
            UPDATE login_throttle
            SET failures = greatest(failures - 1, 0),
                blocked_until = CASE WHEN failures - 1 < $2 THEN NULL ELSE blocked_until END
            WHERE throttle_key = $1
            """;
    private static final String PURGE = """
            DELETE FROM login_throttle
            WHERE last_attempt_at < $1 AND (blocked_until IS NULL OR blocked_until < $1)
            """;

    private final Pool pool;

    public LoginThrottleRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Runs {@code decide} on the locked states of {@code keys} (sorted, created when missing) and writes back the
     * states it returns, all in one transaction.
     */
    public <T> Uni<T> update(List<String> keys, Instant now, Function<List<ThrottleState>, Decided<T>> decide) {
        String[] sorted = keys.stream().sorted().distinct().toArray(String[]::new);
        return pool.withTransaction(connection -> connection.preparedQuery(ENSURE)
                .execute(Tuple.of(sorted, utc(now)))
                .chain(() -> connection.preparedQuery(LOCK).execute(Tuple.of((Object) sorted)))
                .map(rows -> {
                    List<ThrottleState> states = new ArrayList<>();
                    rows.forEach(row -> states.add(state(row)));
                    return decide.apply(states);
                })
                .call(decided -> save(connection, decided.changed()))
                .map(Decided::result));
    }

    /** What {@link #update} should write back and return. */
    public record Decided<T>(List<ThrottleState> changed, T result) {
    }

    public Uni<Void> reset(String key) {
        return pool.preparedQuery(RESET).execute(Tuple.of(key)).replaceWithVoid();
    }

    /** Takes back one counted attempt (it turned out to succeed), unblocking the key when it falls below its free ones. */
    public Uni<Void> giveBack(String key, int freeAttempts) {
        return pool.preparedQuery(GIVE_BACK).execute(Tuple.of(key, freeAttempts)).replaceWithVoid();
    }

    public Uni<Integer> purge(Instant quietSince) {
        return pool.preparedQuery(PURGE).execute(Tuple.of(utc(quietSince))).map(rows -> rows.rowCount());
    }

    private static Uni<Void> save(SqlConnection connection, List<ThrottleState> states) {
        if (states.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> batch = states.stream()
                .map(s -> Tuple.of(s.key(), s.failures(), utc(s.lastAttemptAt()),
                        s.blockedUntil() == null ? null : utc(s.blockedUntil())))
                .toList();
        return connection.preparedQuery(SAVE).executeBatch(batch).replaceWithVoid();
    }

    private static ThrottleState state(Row row) {
        OffsetDateTime blocked = row.getOffsetDateTime("blocked_until");
        return new ThrottleState(row.getString("throttle_key"), row.getInteger("failures"),
                row.getOffsetDateTime("last_attempt_at").toInstant(), blocked == null ? null : blocked.toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
