package io.pjctrl.contract.verifier;

/**
 * One verification failure of a chain, with its evidence in {@code detail}. {@code seq} is the entry where it shows
 * (0 when it concerns no single entry, e.g. a checkpoint that does not verify). Kinds are stable names, listed in
 * docs/integrity.md (Offline verifier).
 */
record Finding(String chainId, long seq, String kind, String detail) {

    String line() {
        return chainId + " " + kind + (seq > 0 ? " seq=" + seq : "") + " " + detail;
    }
}
