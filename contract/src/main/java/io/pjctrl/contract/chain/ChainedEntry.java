package io.pjctrl.contract.chain;

/** An entry as stored: its fields plus the stored prev_checksum and checksum, both still to be checked. */
public record ChainedEntry(AuditEntry entry, String prevChecksum, String checksum) {

    /** Chains {@code entry} after {@code prevChecksum}, computing its checksum. */
    public static ChainedEntry append(String prevChecksum, AuditEntry entry) {
        return new ChainedEntry(entry, prevChecksum, Checksums.compute(prevChecksum, entry));
    }

    public String chainId() {
        return entry.chainId();
    }

    public long seq() {
        return entry.seq();
    }
}
