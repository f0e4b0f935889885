package io.pjctrl.audit.verify;

/** The signed facts of a checkpoint whose signature verified: what the chain must still reproduce. */
record TrustedCheckpoint(long seq, String headChecksum, String keyId) {
}
