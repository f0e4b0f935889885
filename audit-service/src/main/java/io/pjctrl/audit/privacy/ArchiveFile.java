package io.pjctrl.audit.privacy;

import java.time.Instant;

/** An archive written: its file name in the archive directory, the file's SHA-256 (hex) and how many entries it holds. */
record ArchiveFile(String fileName, String sha256, long entries, Instant archivedAt) {
}
