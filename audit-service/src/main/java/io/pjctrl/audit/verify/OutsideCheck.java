package io.pjctrl.audit.verify;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How one chain compares with one copy of its checkpoints held outside the database: the checkpoints topic, a
 * witness, or a note the auditor sent. Only {@code inconsistent} makes the chain invalid (with an
 * inconsistent_checkpoint failure); a source that could not be read is {@code unavailable}, one whose note is not
 * signed by this log {@code untrusted}, one holding nothing for the chain {@code none}.
 */
@Schema(name = "OutsideCheck")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OutsideCheck(
        @Schema(examples = "witness http://127.0.0.1:8084") String source,
        @Schema(enumeration = {
                "consistent", "inconsistent", "none", "unavailable", "untrusted"}) String status,
        @Schema(description = "Notes of this source compared") int checkpoints,
        @Schema(description = "Largest tree size this source holds", nullable = true) Long size,
        @Schema(nullable = true) String detail){

    static final String CONSISTENT = "consistent";
    static final String INCONSISTENT = "inconsistent";
    static final String NONE = "none";
    static final String UNAVAILABLE = "unavailable";
    static final String UNTRUSTED = "untrusted";
}
