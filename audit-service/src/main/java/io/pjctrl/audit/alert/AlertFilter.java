package io.pjctrl.audit.alert;

import java.time.Instant;
import java.util.List;

/** Validated alert filters; {@code acknowledged} null means both. */
record AlertFilter(Boolean acknowledged, List<String> severities, String rule, Instant from, Instant to) {
}
