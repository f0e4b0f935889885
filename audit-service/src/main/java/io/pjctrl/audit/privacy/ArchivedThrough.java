package io.pjctrl.audit.privacy;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How far a chain was archived by retention: seqs 1..{@code lastSeq} left the log (they are in archives), and the
 * entry {@code lastSeq + 1} links to {@code lastChecksum}. As a C2SP tlog-tiles minimum index (0-based leaf index of
 * the first entry still served), that is {@code lastSeq}.
 */
@Schema(name = "ArchivedRange")
public record ArchivedThrough(
        @Schema(examples = "events-2") String chainId,
        @Schema(description = "Last archived seq: seqs 1..last_seq are no longer in the log", examples = "120000") long lastSeq,
        @Schema(description = "Checksum of the entry last_seq: the prev_checksum of the first retained entry") String lastChecksum) {

    @JsonProperty("minimum_index")
    @Schema(description = "C2SP tlog-tiles minimum index: 0-based index of the first leaf whose entry the log still holds (= last_seq)")
    public long minimumIndex() {
        return lastSeq;
    }
}
