package io.pjctrl.contract.event;

/**
 * The headers audit-service adds to a record it sends to the dead-letter topic, beside the record's own key, value
 * and headers (docs/events/README.md). The ingest writes them; verify's reconciliation and bench's poison drill read
 * them.
 */
public final class DeadLetters {

    private DeadLetters() {
    }

    /** A stable code: not_json, payload_too_large, bad_header, invalid_data, not_canonicalizable, empty_value. */
    public static final String REASON = "dlq-reason";
    /** What is wrong, for a human; its wording may change. */
    public static final String DETAIL = "dlq-detail";
    /** Where the record was read: topic, partition and offset. */
    public static final String ORIGINAL_TOPIC = "dlq-original-topic";
    public static final String ORIGINAL_PARTITION = "dlq-original-partition";
    public static final String ORIGINAL_OFFSET = "dlq-original-offset";
}
