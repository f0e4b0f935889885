package io.pjctrl.contract.verifier;

import io.pjctrl.contract.chain.AuditEntry;

/**
 * One row of an export as read: the hashed entry, the stored links, and the optional C2SP tlog-proof text (null
 * when the export has no {@code tlog_proof} field or the entry is beyond the export's checkpoint). {@code line} is
 * the row's line (NDJSON) or record (CSV) number, for messages.
 */
record ExportRow(long line, AuditEntry entry, String prevChecksum, String checksum, String tlogProof) {
}
