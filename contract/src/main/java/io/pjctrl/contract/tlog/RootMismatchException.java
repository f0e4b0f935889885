package io.pjctrl.contract.tlog;

import java.util.Base64;

/** The proof recomputes a root other than the one expected: the evidence is both roots. */
public final class RootMismatchException extends InvalidProofException {

    private final byte[] expectedRoot;
    private final byte[] calculatedRoot;

    public RootMismatchException(String what, byte[] expectedRoot, byte[] calculatedRoot) {
        super(what + ": calculated root " + b64(calculatedRoot) + " does not match expected root "
                + b64(expectedRoot));
        this.expectedRoot = expectedRoot.clone();
        this.calculatedRoot = calculatedRoot.clone();
    }

    public byte[] expectedRoot() {
        return expectedRoot.clone();
    }

    public byte[] calculatedRoot() {
        return calculatedRoot.clone();
    }

    private static String b64(byte[] hash) {
        return Base64.getEncoder().encodeToString(hash);
    }
}
