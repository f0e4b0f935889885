package io.pjctrl.contract.chain;

/**
 * The value cannot be put in RFC 8785 canonical form (not I-JSON, or not storable as PostgreSQL jsonb). Bad input,
 * not a bug: the message says what is wrong and where, so no stack trace is captured (the ingest meets one per
 * malformed record of a flood). A parser's exception stays attached as the cause.
 */
public class NotCanonicalizableException extends IllegalArgumentException {

    public NotCanonicalizableException(String message) {
        super(message);
    }

    public NotCanonicalizableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
