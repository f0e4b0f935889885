package io.pjctrl.project.web;

import java.util.UUID;

import io.pjctrl.web.problem.Problem;
import io.pjctrl.web.problem.ProblemType;

/**
 * 409: the client's expected version (If-Match or {@code version}) is not the current one, or a concurrent
 * transaction changed the row first.
 */
public class VersionConflictException extends ApiException {

    public VersionConflictException(String detail) {
        super(detail);
    }

    /** Fails when the client pinned a version ({@code expected} not null) that is not the current one. */
    public static void check(String resourceType, UUID id, Long expected, long current) {
        if (expected != null && expected != current) {
            throw new VersionConflictException(
                    resourceType + " " + id + " is at version " + current + ", not " + expected + "; reload and retry");
        }
    }

    @Override
    public Problem problem() {
        return Problem.of(ProblemType.VERSION_CONFLICT, getMessage());
    }
}
