package io.pjctrl.audit.alert;

import java.util.List;

/** The four levels shared by sensitivity_level and alert severity, in increasing order. */
public final class Severity {

    public static final List<String> LEVELS = List.of("low", "medium", "high", "critical");

    private Severity() {
    }

    /** Rank of a level (0 = low), or -1 for anything else. */
    public static int rank(String level) {
        return LEVELS.indexOf(level);
    }

    public static String require(String level, String what) {
        if (rank(level) < 0) {
            throw new IllegalArgumentException(what + " must be one of " + LEVELS + ": " + level);
        }
        return level;
    }
}
