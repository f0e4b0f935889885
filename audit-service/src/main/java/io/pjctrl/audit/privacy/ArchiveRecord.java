package io.pjctrl.audit.privacy;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One archived month: the file retention wrote before dropping the month, its SHA-256 and its entry count. */
@Schema(name = "Archive")
public record ArchiveRecord(@Schema(examples = "2025-11") String month, String fileName, String sha256, long entries,
        Instant archivedAt) {
}
