package io.pjctrl.contract.chain;

/** The value cannot be put in RFC 8785 canonical form (not I-JSON, or not storable as PostgreSQL jsonb). */
public class NotCanonicalizableException extends IllegalArgumentException {

    public NotCanonicalizableException(String message) {
        super(message);
    }

    public NotCanonicalizableException(String message, Throwable cause) {
        super(message, cause);
    }
}
