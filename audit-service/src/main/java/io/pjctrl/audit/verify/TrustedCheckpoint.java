package io.pjctrl.audit.verify;

/**
 * The signed facts of a checkpoint whose signature verified: what the chain must still reproduce. {@code signedHash}
 * is the note's hash line in hex: the head checksum at {@code seq} (format 1) or, when {@code root} is set, the root
 * of the chain's tree at {@code seq} entries (format 2).
 */
record TrustedCheckpoint(long seq, String signedHash, boolean root, String keyId) {
}
