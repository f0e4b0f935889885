package io.pjctrl.contract.chain;

/**
 * The last entry of a chain: its seq and stored checksum. What a checkpoint signs, what ingest continues from and
 * what verify compares a checkpoint with. A chain without entries has no head (its first entry follows
 * {@link Checksums#GENESIS} at seq 1).
 */
public record ChainHead(String chainId, long seq, String checksum) {
}
