package io.pjctrl.audit.privacy;

import java.time.Period;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Retention of the audit log by month ({@link RetentionService}, docs/retention.md). Kept apart from
 * {@code AuditServiceConfig} so that it can be folded in without touching the other groups; same prefix.
 */
@ConfigMapping(prefix = "pjctrl.retention")
public interface RetentionConfig {

    /**
     * Whether the scheduled job archives and drops the months past their retention. Off by default: dropping entries
     * is irreversible and needs an archive directory the operator chose and backs up; with it off nothing ever leaves
     * the log (the state before issue 18).
     */
    @WithDefault("false")
    boolean enabled();

    /** How often the job looks for months past their retention (each replica tries; one at a time runs it). */
    @WithDefault("6h")
    String interval();

    /**
     * Where a month's archive (NDJSON with proofs, plus its manifest) is written before its partition is dropped;
     * required when enabled. Mount durable storage here (a volume synced to an object store is enough).
     */
    Optional<String> archiveDir();

    /** Retention of a month whose most sensitive entry is low, counted from the month's end. */
    @WithDefault("P1Y")
    Period low();

    /** Retention when the most sensitive entry of the month is medium. */
    @WithDefault("P2Y")
    Period medium();

    /** Retention when the most sensitive entry of the month is high. */
    @WithDefault("P5Y")
    Period high();

    /** Retention when the month holds a critical entry. */
    @WithDefault("P7Y")
    Period critical();

    /** The retention of a sensitivity level (low, medium, high, critical); an unknown level counts as critical. */
    default Period of(String level) {
        return switch (level) {
            case "low" -> low();
            case "medium" -> medium();
            case "high" -> high();
            default -> critical();
        };
    }
}
