package io.pjctrl.contract.verifier;

import java.util.List;

/**
 * The verdict on one chain: its failures (empty when it verified) and a summary of what was checked, printed as
 * {@code <chain_id> OK <summary>} or {@code <chain_id> FAIL <kind of the first failure> <summary>}.
 */
record ChainReport(String chainId, List<Finding> failures, String summary) {

    ChainReport {
        failures = List.copyOf(failures);
    }

    boolean ok() {
        return failures.isEmpty();
    }

    String line() {
        if (ok()) {
            return chainId + " OK " + summary;
        }
        Finding first = failures.get(0);
        return chainId + " FAIL " + first.kind() + " failures=" + failures.size() + " " + summary + " first: "
                + first.detail();
    }
}
