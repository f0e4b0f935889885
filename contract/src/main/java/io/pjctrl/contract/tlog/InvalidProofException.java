package io.pjctrl.contract.tlog;

/**
 * A proof that cannot be checked as given: wrong number of hashes, sizes out of range, a hash of the wrong length.
 * {@link RootMismatchException} is the case where it can be checked and the root comes out different.
 */
public class InvalidProofException extends RuntimeException {

    public InvalidProofException(String message) {
        super(message);
    }
}
