package io.pjctrl.audit.privacy;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The outcome of one retention run, month by month, oldest first ({@code ran} false: another replica held the lock). */
@Schema(name = "RetentionReport")
public record RetentionReport(boolean ran, @Schema(description = "The instant retention was evaluated at") Instant at,
        List<MonthOutcome> months) {

    long count(String status) {
        return months.stream().filter(month -> month.status().equals(status)).count();
    }
}
