package io.pjctrl.contract.tlog;

/** A signature line by a known key that does not verify; names the key and why. */
public final class InvalidSignatureException extends RuntimeException {

    private final String vkey;

    public InvalidSignatureException(VerifierKey key, String why) {
        super("signature by " + key.name() + "+" + VerifierKey.hex(key.keyId()) + " " + why);
        this.vkey = key.format();
    }

    /** The verifier key the signature was checked with. */
    public String vkey() {
        return vkey;
    }
}
