package io.pjctrl.contract.verifier;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.pjctrl.contract.tlog.VerifierKey;

/**
 * What the auditor trusts, all obtained out of band (docs/integrity.md, Trust anchor): the origin prefix, the
 * log's verifier keys with their validity windows, the witnesses' verifier keys and how many of them must have
 * cosigned a checkpoint.
 */
record TrustPolicy(String originPrefix, List<LogKey> logKeys, List<VerifierKey> witnessKeys, int quorum) {

    /** Clock skew between replicas that a validity window absorbs at each end (docs/integrity.md §5). */
    static final Duration WINDOW_SLACK = Duration.ofMinutes(1);

    TrustPolicy {
        logKeys = List.copyOf(logKeys);
        witnessKeys = List.copyOf(witnessKeys);
        if (quorum < 0 || quorum > witnessKeys.size()) {
            throw new IllegalArgumentException("quorum " + quorum + " must be between 0 and the number of witness keys ("
                    + witnessKeys.size() + ")");
        }
    }

    /** A log signing key (type 0x01) and its window; a null bound is open. */
    record LogKey(VerifierKey key, Instant validFrom, Instant validUntil) {

        LogKey {
            if (key.type() != VerifierKey.TYPE_ED25519) {
                throw new IllegalArgumentException("a log key is an Ed25519 note key (type 0x01): " + key);
            }
            if (validFrom != null && validUntil != null && validUntil.isBefore(validFrom)) {
                throw new IllegalArgumentException("key " + key + " is valid until before it is valid from");
            }
        }

        /** Whether a checkpoint made at {@code time} lies in [valid_from - 1 min, valid_until + 1 min]. */
        boolean covers(Instant time) {
            return (validFrom == null || !time.isBefore(validFrom.minus(WINDOW_SLACK)))
                    && (validUntil == null || !time.isAfter(validUntil.plus(WINDOW_SLACK)));
        }
    }
}
