package io.pjctrl.project.web;

import java.time.Duration;
import java.util.Map;

import io.pjctrl.web.problem.Problem;
import io.pjctrl.web.problem.ProblemType;

/** 429 from login: too many failed attempts for the account or from the client's address; retry after a wait. */
public class TooManyAttemptsException extends ApiException {

    private final long retryAfterSeconds;

    public TooManyAttemptsException(Duration retryAfter) {
        super("too many failed sign-in attempts; retry in " + seconds(retryAfter) + " s");
        this.retryAfterSeconds = seconds(retryAfter);
    }

    /** Whole seconds, rounded up: a client retrying after Retry-After must not arrive a fraction too early. */
    private static long seconds(Duration wait) {
        long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
        return Math.max(seconds, 1);
    }

    @Override
    public Problem problem() {
        return Problem.of(ProblemType.TOO_MANY_REQUESTS, getMessage());
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", Long.toString(retryAfterSeconds));
    }
}
