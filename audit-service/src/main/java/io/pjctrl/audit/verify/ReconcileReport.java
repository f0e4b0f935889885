package io.pjctrl.audit.verify;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One chain's reconciliation with its Kafka partition over {@code [from_offset, to_offset)}: from the earliest
 * record still retained to the ingest's committed offset. Every record there is matched by the entry that claims it,
 * dead-lettered, a duplicate delivery of an event stored from another record, or missing from the log.
 */
@Schema(name = "ReconcileReport")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReconcileReport(
        @Schema(examples = "2") int partition,
        @Schema(description = "First offset compared (the earliest retained)", nullable = true) Long fromOffset,
        @Schema(description = "Offset after the last compared (the ingest's committed offset)", nullable = true) Long toOffset,
        @Schema(description = "Records matched by the entry that claims them") long matched,
        @Schema(description = "Records on the dead-letter topic") long deadLettered,
        @Schema(description = "Records whose event is stored from another record (a redelivery)") long duplicates,
        @Schema(description = "Records neither stored nor dead-lettered (missing_from_log)") long missing,
        @Schema(description = "Why the partition could not be compared", nullable = true) String problem) {

    static ReconcileReport unavailable(int partition, String problem) {
        return new ReconcileReport(partition, null, null, 0, 0, 0, 0, problem);
    }
}
