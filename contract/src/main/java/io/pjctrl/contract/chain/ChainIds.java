package io.pjctrl.contract.chain;

/**
 * The chain of an entry is named after the Kafka partition it was read from: {@code <prefix>-<partition>}
 * ({@code events-0} ...). Ingest names its chains here, and every tool that builds or reads a chain of its own
 * (bench's dataset) uses the same names.
 */
public final class ChainIds {

    /** The prefix a deployment uses unless configured otherwise ({@code pjctrl.ingest.chain-prefix}). */
    public static final String DEFAULT_PREFIX = "events";

    private ChainIds() {
    }

    /** The chain id of {@code partition} under {@code prefix}. */
    public static String of(String prefix, int partition) {
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0: " + partition);
        }
        return prefix + "-" + partition;
    }
}
