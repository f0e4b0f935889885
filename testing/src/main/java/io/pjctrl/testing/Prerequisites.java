package io.pjctrl.testing;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine (a built UI, a browser). On a developer's machine a missing prerequisite skips
 * the test; on CI ({@code CI=true}) it fails it, so a build that lost the UI or the browser cannot pass by skipping
 * what it was meant to test.
 */
public final class Prerequisites {

    private Prerequisites() {
    }

    /** Skips (or, on CI, fails) the calling test unless {@code present}; {@code missing} says what is missing. */
    public static void require(boolean present, String missing) {
        if (present) {
            return;
        }
        if (onCi()) {
            throw new AssertionError("CI=true but " + missing);
        }
        Assumptions.abort(missing);
    }

    static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
