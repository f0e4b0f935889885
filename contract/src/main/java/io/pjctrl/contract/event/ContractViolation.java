package io.pjctrl.contract.event;

/** A record that breaks the event contract; {@link #reason()} goes into the dead-letter header {@code dlq-reason}. */
public class ContractViolation extends RuntimeException {

    private final String reason;

    public ContractViolation(String reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    /** Stable code: not_json, payload_too_large, bad_header, invalid_data, not_canonicalizable, empty_value, reserved_key. */
    public String reason() {
        return reason;
    }
}
